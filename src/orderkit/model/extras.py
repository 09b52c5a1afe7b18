"""Optional dependencies, imported on first use with an error that says how to install them."""

from __future__ import annotations

import importlib
from types import ModuleType

from orderkit.model.errors import MissingExtra

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, which the ``orderkit[extra]`` extra installs.

    Raises:
        MissingExtra: the module is not installed; the message names the pip command.
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        command = f'pip install "orderkit[{extra}]"'
        raise MissingExtra(
            f"{module} is needed here but is not installed ({error}); install it with: {command}",
            ko=f"{module} 패키지가 필요하지만 설치되어 있지 않습니다({error}). "
            f"다음 명령으로 설치하세요: {command}",
        ) from error
