"""Figure builders for the chapter; each returns a Figure and never calls ``plt.show``."""

from ._style import PALETTE, apply_style

__all__ = ["PALETTE", "apply_style"]
