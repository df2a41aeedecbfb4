"""The HTTP service and the embeddable chat widget: thin shells over `assistant.core`."""
