from orderkit.cli import main

raise SystemExit(main())
