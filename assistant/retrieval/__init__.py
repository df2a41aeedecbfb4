"""The documents side: city pages -> passages and page facts -> Chroma -> hybrid search.

extract_text(path)                  .txt/.md/.html/.pdf -> text (citations point at its lines)
split_page(source, text)            -> [Passage] (boilerplate flagged, never embedded)
extract_page_facts(source, text)    -> [PageFact] (partner lists as rows, with their line)
make_embeddings(spec, cache_dir)    "use" | "sentence-transformers:<name or path>"
build_collection / open_collection / drop_collection   Chroma, embedded or server
Retriever(passages, store).search(question, k)          -> [Hit]
"""

from importlib import import_module

# Imported on first use: Chroma and the models take seconds to import.
_EXPORTS = {
    "make_embeddings": "embeddings",
    "extract_text": "extract",
    "PageFact": "pagefacts",
    "extract_page_facts": "pagefacts",
    "Passage": "passages",
    "count_boilerplate": "passages",
    "split_page": "passages",
    "Hit": "search",
    "Retriever": "search",
    "build_collection": "store",
    "drop_collection": "store",
    "open_collection": "store",
    "stored_passages": "store",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"assistant.retrieval.{_EXPORTS[name]}"), name)
