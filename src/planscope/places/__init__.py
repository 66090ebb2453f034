"""Places: the region hierarchy down to towns and streets, and the named zones, parks and platforms found in
documents, with their name variants; names are found in text by grammar (places.grammar)."""

from planscope.places.grammar import Name, find_names, fold, name_key, normalize
from planscope.places.register import Place, PlaceRegister, variants_of

__all__ = ["Name", "Place", "PlaceRegister", "find_names", "fold", "name_key", "normalize", "variants_of"]
