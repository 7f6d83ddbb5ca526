#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

// A write that failed for want of room, told the same way whichever store or download met it: a full disk, or a
// file larger than the disk can hold in one (FAT's 4 GiB), rather than the system's terse reason.
class DiskFull
{
    Q_DECLARE_TR_FUNCTIONS(DiskFull)

public:
    // A document on its way into a store, out of one to the user's folder, onto another entity, or to a new name.
    enum class Write { Store, Save, Move, Rename };

    // The message for a write of `name` that failed with systemError (an errno); nothing when that is not for want
    // of room.
    static std::optional<QString> message(int systemError, const QString& name, Write write);
};
