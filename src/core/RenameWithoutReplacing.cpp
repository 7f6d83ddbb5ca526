#include "RenameWithoutReplacing.h"

#include <QFile>
#include <QFileInfo>
#include <QStorageInfo>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

int renameWithoutReplacing(const QString& from, const QString& to)
{
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    if (::renameat2(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(), RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != EXDEV)
        return errno;
    // A file system without it (NFS, FUSE): a hard link refuses a taken name too.
    if (errno != EXDEV) {
        if (::link(source.constData(), target.constData()) == 0) {
            ::unlink(source.constData());
            return 0;
        }
        if (errno == EEXIST)
            return errno;
    }
    // Another file system, or one without links: a copy, then the source goes. QFile::copy does not say why it
    // failed; a disk without room for the file is the likely reason, and the one the user can act on.
    if (!QFile::copy(from, to)) {
        if (QFileInfo::exists(to))
            return EEXIST;
        const QStorageInfo disk(QFileInfo(to).absolutePath());
        return disk.bytesAvailable() >= 0 && disk.bytesAvailable() < QFileInfo(from).size() ? ENOSPC : EIO;
    }
    QFile::remove(from);
    return 0;
}
