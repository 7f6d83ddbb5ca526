#include "Transfer.h"

#include <QCoreApplication>

QString Transfer::description() const
{
    switch (kind) {
    case Kind::Upload:
        return QCoreApplication::translate("Transfer", "Upload to %1")
            .arg(EntityTypes::entityTitle(target.type, target.id));
    case Kind::Download:
        return QCoreApplication::translate("Transfer", "Download from %1")
            .arg(EntityTypes::entityTitle(source.entity.type, source.entity.id));
    case Kind::Delete:
        return QCoreApplication::translate("Transfer", "Delete from %1")
            .arg(EntityTypes::entityTitle(source.entity.type, source.entity.id));
    case Kind::Move:
        return QCoreApplication::translate("Transfer", "Move to %1")
            .arg(EntityTypes::entityTitle(target.type, target.id));
    }
    Q_UNREACHABLE();
}

QList<EntityRef> Transfer::affectedEntities() const
{
    switch (kind) {
    case Kind::Upload:
        return { target };
    case Kind::Download:
        return {};
    case Kind::Delete:
        return { source.entity };
    case Kind::Move:
        return { source.entity, target };
    }
    Q_UNREACHABLE();
}
