#pragma once

#include "AppDatabase.h"
#include "Attachment.h"
#include "Entity.h"

#include <QList>
#include <QString>

#include <optional>

class QSqlQuery;

// The last known entities and attachments of each store, in the app's database, so that the window opens
// at once with them and can be browsed offline while the store is listed again in the background. Also
// keeps what a store needs to carry on watching for changes (Dropbox's cursor) from one run to the next.
class MetadataCache
{
public:
    explicit MetadataCache(const QString& databasePath = AppDatabase::defaultPath());
    ~MetadataCache();
    MetadataCache(const MetadataCache&) = delete;
    MetadataCache& operator=(const MetadataCache&) = delete;

    bool isOpen() const { return m_open; }
    // The last failure; the cache is only ever a help, so failures never stop the app.
    QString errorString() const { return m_errorString; }

    // Nothing when the type was never listed.
    std::optional<QList<Entity>> entities(const QString& storeUri, EntityType type) const;
    void setEntities(const QString& storeUri, EntityType type, const QList<Entity>& entities);
    // The entity as its type's listing gave it, its id matched without regard to ASCII case (a change reported
    // by a path whose case is not sure); nothing when it is not known.
    std::optional<Entity> entity(const QString& storeUri, const EntityRef& entity) const;
    // Nothing when the entity was never listed.
    std::optional<QList<Attachment>> attachments(const QString& storeUri, const EntityRef& entity) const;
    // Also sets the entity's attachment count.
    void setAttachments(const QString& storeUri, const EntityRef& entity, const QList<Attachment>& attachments);

    QByteArray watchState(const QString& storeUri) const;
    void setWatchState(const QString& storeUri, const QByteArray& state);

private:
    bool setUp();
    // Sets errorString() and returns false.
    bool fail(const QString& why) const;
    bool exec(QSqlQuery& query) const;
    // Marks the listing of scope as known, and ends the transaction that replaced it.
    void finishListing(QSqlQuery& query, bool ok, const QString& storeUri, const QString& scope);

    const QString m_databasePath;
    const QString m_connectionName;
    bool m_open = false;
    mutable QString m_errorString;
};
