#pragma once

#include <QString>

// Which names a store accepts for entities and files, and how a clashing name is made unique.
// A name never becomes a path by itself: these rules keep it to one harmless path component.
namespace NameRules {

// Empty when the name is acceptable as one path component; otherwise why it is not, translated.
QString problem(const QString& name);

// The name as it can be shown on one line: what has no glyph, or would break the line, shown as "\uFFFD".
QString printable(const QString& name);

// The name closest to `name` that problem() accepts, for a file from this computer whose own name a store would
// refuse: spaces at either end dropped, a slash or backslash made "_", line breaks and other control characters
// made spaces, invisible ones dropped. Too long or empty stays so, for problem() to say.
QString usable(const QString& name);

// Where the name's extension starts (the dot of ".pdf"), or its length when it has none.
qsizetype extensionStart(const QString& name);

// "receipt.pdf" with n = 2 gives "receipt (2).pdf", the way Dropbox's autorename does; never over 255 bytes.
QString numbered(const QString& name, int n);

// Whether candidate is name or one of its numbered names ("receipt (3).pdf"), ignoring case as Dropbox
// does: where an upload may have landed under the store's autorename.
bool isNameOrNumbered(const QString& candidate, const QString& name);

} // namespace NameRules
