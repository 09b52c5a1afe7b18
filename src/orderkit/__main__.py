from orderkit.cli.app import main

raise SystemExit(main())
