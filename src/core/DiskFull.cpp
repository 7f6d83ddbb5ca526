#include "DiskFull.h"

#include <cerrno>

std::optional<QString> DiskFull::message(int systemError, const QString& name, Write write)
{
    if (systemError == EFBIG)
        return tr("“%1” is larger than the disk it goes to can hold in one file.").arg(name);
    if (systemError != ENOSPC && systemError != EDQUOT)
        return std::nullopt;
    return write == Write::Store ? tr("The disk is full: “%1” was not stored.").arg(name)
                                 : tr("The disk is full: “%1” was not saved.").arg(name);
}
