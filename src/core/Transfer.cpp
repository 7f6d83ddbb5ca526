#include "Transfer.h"

#include <QCoreApplication>

QString Transfer::description(const std::function<QString(const EntityRef&)>& title) const
{
    const auto name = [&title](const EntityRef& entity) {
        return title ? title(entity)
                     : EntityTypes::entityTitle(entity.type, entity.id, EntityTypes::Wording::InSentence);
    };
    switch (kind) {
    case Kind::Upload:
        return QCoreApplication::translate("Transfer", "Upload to %1").arg(name(target));
    case Kind::Download:
        return opening ? QCoreApplication::translate("Transfer", "Open from %1").arg(name(source.entity))
                       : QCoreApplication::translate("Transfer", "Download from %1").arg(name(source.entity));
    case Kind::Delete:
        return QCoreApplication::translate("Transfer", "Delete from %1").arg(name(source.entity));
    case Kind::Move:
        return QCoreApplication::translate("Transfer", "Move to %1").arg(name(target));
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
