#pragma once

#include <QString>

// Renames from to to unless to exists: 0, or the errno (EEXIST when the name is taken). Not QFile::rename or
// std::rename: when the name is taken between a check and the rename, they replace whatever took it. On a file
// system without RENAME_NOREPLACE, a hard link refuses a taken name too; across file systems the file is copied
// (ENOSPC when the other disk has no room for it).
int renameWithoutReplacing(const QString& from, const QString& to);
