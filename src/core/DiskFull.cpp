#include "DiskFull.h"

#include <cerrno>

std::optional<QString> DiskFull::message(int systemError, const QString& name, Write write)
{
    if (systemError == EFBIG)
        return tr("“%1” is larger than the disk it goes to can hold in one file.").arg(name);
    if (systemError != ENOSPC && systemError != EDQUOT)
        return std::nullopt;
    switch (write) {
    case Write::Store:
        return tr("The disk is full: “%1” was not stored.").arg(name);
    case Write::Save:
        return tr("The disk is full: “%1” was not saved.").arg(name);
    case Write::Move:
        return tr("The disk is full: “%1” was not moved.").arg(name);
    case Write::Rename:
        break;
    }
    return tr("The disk is full: “%1” was not renamed.").arg(name);
}
