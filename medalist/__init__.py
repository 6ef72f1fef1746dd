"""medalist: keeps an ATS's silver medalists fresh and says who leveled up."""

__version__ = "0.1.0"
