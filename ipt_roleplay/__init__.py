"""ipt-roleplay: rehearse difficult conversations, with feedback grounded in IPT."""

__version__ = "0.1.0"
