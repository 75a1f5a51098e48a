"""Build RDF from model objects and write it in standard formats."""
