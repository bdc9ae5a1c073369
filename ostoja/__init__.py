"""Ostoja: case management and public site for a centre for victims of human trafficking."""
