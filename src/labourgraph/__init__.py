"""labourgraph: a knowledge graph of platform labour, traceable to the words of its sources."""

__version__ = "0.1.0"
