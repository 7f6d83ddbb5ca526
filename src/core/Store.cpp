#include "Store.h"

#include <QTimer>

bool Store::startWatching(const QByteArray&)
{
    return false;
}

QList<EntityType> Store::entityTypes() const
{
    return EntityTypes::standard();
}

std::optional<EntityRef> Store::uploadWaypoint(const EntityRef&) const
{
    return std::nullopt;
}

StoreReply* Store::rename(const AttachmentRef&, const QString&)
{
    return unsupported(tr("This store cannot rename documents."));
}

QString Store::deletionNote() const
{
    return tr("Deleting cannot be undone.");
}

QString Store::localFilePath(const AttachmentRef&) const
{
    return {};
}

QString Store::changedSinceChosen(const QString& name)
{
    return tr("“%1” was changed by someone else after you chose to delete it, so it was kept. Look at the new "
              "version, then delete it again if it should go.")
        .arg(name);
}

StoreReply* Store::unsupported(const QString& message)
{
    return StoreReply::failing(StoreReply::Error::Unsupported, message);
}
