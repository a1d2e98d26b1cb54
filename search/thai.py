"""Thai word segmentation for the search index and for queries (the same function for both).

PyThaiNLP's ``newmm`` (dictionary-based maximal matching; its dictionary ships in the package,
nothing is downloaded at run time) splits running Thai text into words. A compound the
dictionary knows as one word ("เรือประมง") is also indexed under the dictionary words inside it
("เรือ", "ประมง"), so a person typing either part, or both with a space, finds it; and two
neighbouring words that form a dictionary word are indexed joined as well.
"""

from __future__ import annotations

import functools
import re
import unicodedata

MIN_PART = 3  # characters: shorter dictionary words inside a compound ("ระ", "มง") are noise
MAX_WORD = 30


@functools.cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _is_word(token: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def _clean(token: str) -> str:
    """Keep letters, digits and Thai marks; lower-case Latin."""
    return "".join(ch for ch in token if unicodedata.category(ch)[0] in "LNM").lower()


_SPACE = re.compile(r"\s+")


def words(text: str) -> list[str]:
    """The words of ``text`` in order (punctuation and spaces dropped)."""
    from pythainlp.tokenize import word_tokenize

    out = []
    for chunk in _SPACE.split(text or ""):
        if not chunk:
            continue
        for token in word_tokenize(chunk, engine="newmm", keep_whitespace=False):
            token = _clean(token)
            if token and _is_word(token):
                out.append(token[:MAX_WORD])
    return out


def parts(word: str) -> list[str]:
    """Dictionary words of at least ``MIN_PART`` characters inside ``word`` (not ``word`` itself)."""
    if len(word) <= MIN_PART or not any("\u0e00" <= ch <= "\u0e7f" for ch in word):
        return []
    known = _dictionary()
    found = []
    for i in range(len(word)):
        for j in range(i + MIN_PART, len(word) + 1):
            if (i, j) != (0, len(word)) and word[i:j] in known:
                found.append(word[i:j])
    return found


def joined(seq: list[str]) -> list[str]:
    """Dictionary words made of two or three neighbouring words ("แผน" + "ปฏิบัติการ" -> "แผนปฏิบัติการ").

    The segmenter may split a compound inside a long text and keep it whole in a short query;
    indexing the joined form too makes both meet.
    """
    known = _dictionary()
    out = []
    for i in range(len(seq) - 1):
        nxt = seq[i + 1]
        # the word and the start of the next ("ปฏิบัติ" + "การป้องกัน" -> "ปฏิบัติการ")
        for k in range(1, len(nxt) + 1):
            if seq[i] + nxt[:k] in known:
                out.append(seq[i] + nxt[:k])
        if i + 2 < len(seq) and (three := seq[i] + nxt + seq[i + 2]) in known:
            out.append(three)
    return out


def index_terms(text: str) -> str:
    """What goes into the index: every word, the parts of compounds and the compounds of neighbours."""
    seen: dict[str, None] = {}
    seq = words(text)
    for word in seq:
        seen.setdefault(word, None)
        for part in parts(word):
            seen.setdefault(part, None)
    for word in joined(seq):
        seen.setdefault(word, None)
    return " ".join(seen)


def warm() -> None:
    """Load the segmenter's dictionary now (about 2 s) rather than in a user's first search of a process."""
    words("เรือประมง")
    _dictionary()
