"""The language model's prompts and the checker's word lists, read with importlib.resources."""
