#include "MetadataCache.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace {
QSqlDatabase database(const QString& connectionName)
{
    return QSqlDatabase::database(connectionName, false);
}

// A listing's key in cached_listings: "Invoices" for a type, "Invoices/4455" for an entity.
QString typeScope(EntityType type)
{
    return EntityTypes::folderName(type);
}

QString entityScope(const EntityRef& entity)
{
    return EntityTypes::folderName(entity.type) + QLatin1Char('/') + entity.id;
}
} // namespace

MetadataCache::MetadataCache(const QString& databasePath)
    : m_databasePath(databasePath)
    , m_connectionName(QStringLiteral("MetadataCache-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_open = setUp();
}

MetadataCache::~MetadataCache()
{
    database(m_connectionName).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool MetadataCache::fail(const QString& why) const
{
    m_errorString = QCoreApplication::translate("MetadataCache", "The cache “%1” cannot be used: %2")
                        .arg(QDir::toNativeSeparators(m_databasePath), why);
    return false;
}

bool MetadataCache::setUp()
{
    if (const QString why = AppDatabase::open(m_databasePath, m_connectionName); !why.isEmpty())
        return fail(why);
    QSqlQuery query(database(m_connectionName));
    const char* const statements[] = {
        // position: the listing's own order (natural order), so that the window need not sort again.
        "CREATE TABLE IF NOT EXISTS cached_entities (store TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,"
        " attachment_count INTEGER NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (store, type, id)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS cached_attachments (store TEXT NOT NULL, type TEXT NOT NULL,"
        " entity_id TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, modified INTEGER NOT NULL,"
        " content_hash TEXT, file_uri TEXT, thumbnail_uri TEXT, PRIMARY KEY (store, type, entity_id, name))"
        " WITHOUT ROWID",
        // Which types and entities were listed at all, so that an empty listing differs from an unknown one.
        "CREATE TABLE IF NOT EXISTS cached_listings (store TEXT NOT NULL, scope TEXT NOT NULL,"
        " PRIMARY KEY (store, scope)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS watch_states (store TEXT PRIMARY KEY NOT NULL, state BLOB NOT NULL)",
        // Titles and e-mail addresses, for the few stores whose records have them; apart, so that the 10,000 rows
        // of a store without them stay small.
        "CREATE TABLE IF NOT EXISTS cached_entity_details (store TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,"
        " title TEXT, email TEXT, PRIMARY KEY (store, type, id)) WITHOUT ROWID",
    };
    for (const char* statement : statements) {
        if (!query.exec(QLatin1String(statement)))
            return fail(query.lastError().text());
    }
    return true;
}

bool MetadataCache::exec(QSqlQuery& query) const
{
    return query.exec() || fail(query.lastError().text());
}

void MetadataCache::finishListing(QSqlQuery& query, bool ok, const QString& storeUri, const QString& scope)
{
    if (ok) {
        query.prepare(QStringLiteral("INSERT OR IGNORE INTO cached_listings (store, scope) VALUES (?, ?)"));
        query.addBindValue(storeUri);
        query.addBindValue(scope);
        ok = exec(query);
    }
    QSqlDatabase db = database(m_connectionName);
    if (ok && !db.commit())
        ok = fail(db.lastError().text());
    if (!ok)
        db.rollback();
}

std::optional<QList<Entity>> MetadataCache::entities(const QString& storeUri, EntityType type) const
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery query(database(m_connectionName));
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT e.id, e.attachment_count, e.position, d.title, d.email FROM cached_entities e"
                       " LEFT JOIN cached_entity_details d ON d.store = e.store AND d.type = e.type AND d.id = e.id"
                       " WHERE e.store = ? AND e.type = ?"
                       " UNION ALL SELECT NULL, NULL, -1, NULL, NULL FROM cached_listings WHERE store = ? AND scope = ?"
                       " ORDER BY 3"));
    query.addBindValue(storeUri);
    query.addBindValue(typeScope(type));
    query.addBindValue(storeUri);
    query.addBindValue(typeScope(type));
    if (!exec(query))
        return std::nullopt;
    QList<Entity> entities;
    bool listed = false;
    while (query.next()) {
        // The listing's own row is the one with no id.
        if (query.isNull(0)) {
            listed = true;
            continue;
        }
        entities.append(Entity { EntityRef { type, query.value(0).toString() }, query.value(1).toInt(),
                                 query.value(3).toString(), query.value(4).toString() });
    }
    if (!listed)
        return std::nullopt;
    return entities;
}

std::optional<Entity> MetadataCache::entity(const QString& storeUri, const EntityRef& entity) const
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery query(database(m_connectionName));
    // The exact id first, should two differ only in case.
    query.prepare(QStringLiteral("SELECT id, attachment_count FROM cached_entities WHERE store = ? AND type = ?"
                                 " AND id = ? COLLATE NOCASE ORDER BY id = ? DESC LIMIT 1"));
    query.addBindValue(storeUri);
    query.addBindValue(typeScope(entity.type));
    query.addBindValue(entity.id);
    query.addBindValue(entity.id);
    if (!exec(query) || !query.next())
        return std::nullopt;
    return Entity { EntityRef { entity.type, query.value(0).toString() }, query.value(1).toInt() };
}

void MetadataCache::setEntities(const QString& storeUri, EntityType type, const QList<Entity>& entities)
{
    if (!m_open)
        return;
    QSqlDatabase db = database(m_connectionName);
    QSqlQuery query(db);
    // One transaction: a listing is replaced whole or not at all, and 10,000 rows take one sync.
    db.transaction();
    bool ok = true;
    for (const char* table : { "cached_entities", "cached_entity_details" }) {
        query.prepare(QStringLiteral("DELETE FROM %1 WHERE store = ? AND type = ?").arg(QLatin1String(table)));
        query.addBindValue(storeUri);
        query.addBindValue(typeScope(type));
        ok = ok && exec(query);
    }
    query.prepare(QStringLiteral(
        "INSERT INTO cached_entities (store, type, id, attachment_count, position) VALUES (?, ?, ?, ?, ?)"));
    for (int i = 0; ok && i < entities.size(); ++i) {
        query.addBindValue(storeUri);
        query.addBindValue(typeScope(type));
        query.addBindValue(entities.at(i).ref.id);
        query.addBindValue(entities.at(i).attachmentCount);
        query.addBindValue(i);
        ok = exec(query);
    }
    query.prepare(
        QStringLiteral("INSERT INTO cached_entity_details (store, type, id, title, email) VALUES (?, ?, ?, ?, ?)"));
    for (int i = 0; ok && i < entities.size(); ++i) {
        const Entity& entity = entities.at(i);
        if (entity.title.isEmpty() && entity.email.isEmpty())
            continue;
        query.addBindValue(storeUri);
        query.addBindValue(typeScope(type));
        query.addBindValue(entity.ref.id);
        query.addBindValue(entity.title);
        query.addBindValue(entity.email);
        ok = exec(query);
    }
    if (ok) {
        // The documents of records that have gone are no "last known" state any more.
        query.prepare(QStringLiteral("DELETE FROM cached_attachments WHERE store = ? AND type = ? AND entity_id NOT IN"
                                     " (SELECT id FROM cached_entities WHERE store = ? AND type = ?)"));
        for (int i = 0; i < 2; ++i) {
            query.addBindValue(storeUri);
            query.addBindValue(typeScope(type));
        }
        ok = exec(query);
    }
    finishListing(query, ok, storeUri, typeScope(type));
}

std::optional<QList<Attachment>> MetadataCache::attachments(const QString& storeUri, const EntityRef& entity) const
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery query(database(m_connectionName));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT name, size, modified, content_hash, file_uri, thumbnail_uri"
                                 " FROM cached_attachments WHERE store = ? AND type = ? AND entity_id = ?"
                                 " UNION ALL SELECT NULL, 0, 0, NULL, NULL, NULL"
                                 " FROM cached_listings WHERE store = ? AND scope = ?"));
    query.addBindValue(storeUri);
    query.addBindValue(typeScope(entity.type));
    query.addBindValue(entity.id);
    query.addBindValue(storeUri);
    query.addBindValue(entityScope(entity));
    if (!exec(query))
        return std::nullopt;
    QList<Attachment> attachments;
    bool listed = false;
    while (query.next()) {
        if (query.isNull(0)) {
            listed = true;
            continue;
        }
        Attachment attachment
            = Attachment::describe(query.value(0).toString(), query.value(1).toLongLong(),
                                   QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong(), Qt::UTC));
        attachment.contentHash = query.value(3).toString();
        attachment.fileUri = query.value(4).toString();
        attachment.thumbnailUri = query.value(5).toString();
        attachments.append(attachment);
    }
    if (!listed)
        return std::nullopt;
    return attachments;
}

void MetadataCache::setAttachments(const QString& storeUri, const EntityRef& entity,
                                   const QList<Attachment>& attachments)
{
    if (!m_open)
        return;
    QSqlDatabase db = database(m_connectionName);
    QSqlQuery query(db);
    db.transaction();
    query.prepare(QStringLiteral("DELETE FROM cached_attachments WHERE store = ? AND type = ? AND entity_id = ?"));
    query.addBindValue(storeUri);
    query.addBindValue(typeScope(entity.type));
    query.addBindValue(entity.id);
    bool ok = exec(query);
    query.prepare(QStringLiteral("INSERT INTO cached_attachments (store, type, entity_id, name, size, modified,"
                                 " content_hash, file_uri, thumbnail_uri) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (int i = 0; ok && i < attachments.size(); ++i) {
        const Attachment& attachment = attachments.at(i);
        query.addBindValue(storeUri);
        query.addBindValue(typeScope(entity.type));
        query.addBindValue(entity.id);
        query.addBindValue(attachment.name);
        query.addBindValue(attachment.sizeInBytes);
        query.addBindValue(attachment.lastModifiedDate.toMSecsSinceEpoch());
        query.addBindValue(attachment.contentHash);
        query.addBindValue(attachment.fileUri);
        query.addBindValue(attachment.thumbnailUri);
        ok = exec(query);
    }
    if (ok) {
        query.prepare(QStringLiteral("UPDATE cached_entities SET attachment_count = ? WHERE store = ? AND type = ?"
                                     " AND id = ?"));
        query.addBindValue(static_cast<int>(attachments.size()));
        query.addBindValue(storeUri);
        query.addBindValue(typeScope(entity.type));
        query.addBindValue(entity.id);
        ok = exec(query);
    }
    finishListing(query, ok, storeUri, entityScope(entity));
}

QByteArray MetadataCache::watchState(const QString& storeUri) const
{
    if (!m_open)
        return {};
    QSqlQuery query(database(m_connectionName));
    query.prepare(QStringLiteral("SELECT state FROM watch_states WHERE store = ?"));
    query.addBindValue(storeUri);
    if (!exec(query))
        return {};
    return query.next() ? query.value(0).toByteArray() : QByteArray();
}

void MetadataCache::setWatchState(const QString& storeUri, const QByteArray& state)
{
    if (!m_open)
        return;
    QSqlQuery query(database(m_connectionName));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO watch_states (store, state) VALUES (?, ?)"));
    query.addBindValue(storeUri);
    query.addBindValue(state);
    exec(query);
}
