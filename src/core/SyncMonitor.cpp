#include "SyncMonitor.h"

#include "ConnectivityMonitor.h"
#include "MetadataCache.h"
#include "Store.h"

namespace {
// How long after a change its entity is listed once more.
constexpr int SettleMs = 1500;
} // namespace

SyncMonitor::SyncMonitor(Store* store, MetadataCache* cache, ConnectivityMonitor* connectivity, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_cache(cache)
    , m_connectivity(connectivity)
    , m_accountUri(store->accountUri())
{
    connect(store, &Store::changed, this, &SyncMonitor::onChanged);
    connect(store, &Store::watchStateChanged, this, [this](const QByteArray& state) {
        if (m_cache)
            m_cache->setWatchState(m_accountUri, state);
    });
    // A file manager copying thirty files reports thirty changes; they are listed together.
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(200);
    connect(&m_changeTimer, &QTimer::timeout, this, &SyncMonitor::syncPending);
    connect(&m_pollTimer, &QTimer::timeout, this, &SyncMonitor::syncAll);
    if (m_connectivity) {
        // A short listing, of the store's last type (the Inbox, or KashFlow's bank accounts): whether it arrives
        // tells whether the store is back.
        connect(m_connectivity, &ConnectivityMonitor::probeDue, this, [this] {
            if (m_store)
                listType(m_store->entityTypes().constLast());
        });
        connect(m_connectivity, &ConnectivityMonitor::onlineChanged, this, [this](bool online) {
            if (!online || !m_started || !m_store)
                return;
            // Catches up with what changed meanwhile, and watches again at once rather than after a backoff.
            if (!m_polling)
                m_store->startWatching(watchState());
            syncAll();
        });
    }
}

SyncMonitor::~SyncMonitor()
{
    for (StoreReply* reply : std::as_const(m_listings)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

std::optional<QList<Entity>> SyncMonitor::cachedEntities(EntityType type) const
{
    return m_cache ? m_cache->entities(m_accountUri, type) : std::nullopt;
}

std::optional<QList<Attachment>> SyncMonitor::cachedAttachments(const EntityRef& entity) const
{
    return m_cache ? m_cache->attachments(m_accountUri, entity) : std::nullopt;
}

void SyncMonitor::refreshType(EntityType type)
{
    listType(type);
}

void SyncMonitor::refreshEntity(const EntityRef& entity)
{
    listEntity(entity, Origin::User);
}

void SyncMonitor::start(int pollIntervalMs)
{
    if (!m_store)
        return;
    m_started = true;
    m_polling = !m_store->startWatching(watchState());
    setPollInterval(pollIntervalMs);
}

void SyncMonitor::setPollInterval(int milliseconds)
{
    m_pollTimer.setInterval(milliseconds);
    if (m_started && m_polling)
        m_pollTimer.start();
}

void SyncMonitor::expectAdded(const AttachmentRef& attachment)
{
    m_expectedAdded.insert(attachment);
}

void SyncMonitor::expectRemoved(const AttachmentRef& attachment)
{
    m_expectedRemoved.insert(attachment);
}

QByteArray SyncMonitor::watchState() const
{
    return m_cache ? m_cache->watchState(m_accountUri) : QByteArray();
}

void SyncMonitor::list(const QString& scope, StoreReply* reply, std::function<void(StoreReply*)> done)
{
    m_listings.insert(reply);
    const quint64 sequence = ++m_sequence;
    connect(reply, &StoreReply::finished, this, [this, reply, done, scope, sequence] {
        m_listings.remove(reply);
        reply->deleteLater();
        if (m_connectivity)
            m_connectivity->report(reply->error());
        if (m_applied.value(scope) > sequence)
            return;
        m_applied.insert(scope, sequence);
        done(reply);
    });
}

void SyncMonitor::listType(EntityType type)
{
    if (!m_store)
        return;
    list(EntityTypes::folderName(type), m_store->listEntities(type), [this, type](StoreReply* reply) {
        if (reply->error() == StoreReply::Error::None)
            onEntitiesListed(type, reply->entities());
        else
            emit entitiesListFailed(type, reply->error(), reply->errorString());
    });
}

void SyncMonitor::listEntity(const EntityRef& entity, Origin origin, int previousCount)
{
    if (!m_store)
        return;
    list(entity.toString(), m_store->listAttachments(entity), [this, entity, origin, previousCount](StoreReply* reply) {
        if (reply->error() == StoreReply::Error::None)
            onAttachmentsListed(entity, reply->attachments(), origin, previousCount);
        else
            emit attachmentsListFailed(entity, reply->error(), reply->errorString());
    });
}

void SyncMonitor::onChanged(const QList<EntityType>& types, const QList<EntityRef>& entities)
{
    for (EntityType type : types)
        m_pendingTypes.insert(type);
    for (const EntityRef& entity : entities)
        m_pendingEntities.insert(entity);
    m_changeTimer.start();
}

void SyncMonitor::syncPending()
{
    const QSet<EntityType> types = std::exchange(m_pendingTypes, {});
    const QSet<EntityRef> entities = std::exchange(m_pendingEntities, {});
    for (EntityType type : types)
        listType(type);
    QList<EntityRef> listed;
    for (const EntityRef& entity : entities) {
        const std::optional<Entity> known = m_cache ? m_cache->entity(m_accountUri, entity) : std::nullopt;
        listed.append(known ? known->ref : entity);
        listEntity(listed.last(), Origin::Sync, known ? known->attachmentCount : -1);
    }
    // A file reported as it appears may still be being written (a copy in the file manager): listed once more
    // when it has settled, for its final size and content.
    if (!listed.isEmpty()) {
        QTimer::singleShot(SettleMs, this, [this, listed] {
            for (const EntityRef& entity : listed)
                listEntity(entity, Origin::Sync);
        });
    }
}

void SyncMonitor::syncAll()
{
    if (!m_store)
        return;
    const QList<EntityType> types = m_store->entityTypes();
    for (EntityType type : types)
        listType(type);
}

void SyncMonitor::onEntitiesListed(EntityType type, const QList<Entity>& entities)
{
    const std::optional<QList<Entity>> previous = cachedEntities(type);
    if (m_cache)
        m_cache->setEntities(m_accountUri, type, entities);
    emit entitiesListed(type, entities);
    if (!previous)
        return;
    // The entities whose counts changed are the ones with documents to announce, whoever asked for the listing
    // (the user's Refresh included): otherwise the cache would take in the new counts unannounced.
    QHash<QString, int> counts;
    for (const Entity& entity : *previous)
        counts.insert(entity.ref.id, entity.attachmentCount);
    for (const Entity& entity : entities) {
        const int before = counts.value(entity.ref.id, 0);
        if (entity.attachmentCount >= 0 && entity.attachmentCount != before)
            listEntity(entity.ref, Origin::Sync, before);
    }
}

int SyncMonitor::takeExpected(QSet<AttachmentRef>& expected, const EntityRef& entity,
                              const std::optional<QSet<QString>>& names)
{
    int met = 0;
    for (auto it = expected.begin(); it != expected.end();) {
        if (it->entity == entity && (!names || names->contains(it->name))) {
            ++met;
            it = expected.erase(it);
        } else {
            ++it;
        }
    }
    return met;
}

void SyncMonitor::onAttachmentsListed(const EntityRef& entity, const QList<Attachment>& attachments, Origin origin,
                                      int previousCount)
{
    const std::optional<QList<Attachment>> previous = cachedAttachments(entity);
    if (m_cache)
        m_cache->setAttachments(m_accountUri, entity, attachments);
    emit attachmentsListed(entity, attachments);

    QSet<QString> now;
    for (const Attachment& attachment : attachments)
        now.insert(attachment.name);
    QSet<QString> before;
    for (const Attachment& attachment : previous.value_or(QList<Attachment>()))
        before.insert(attachment.name);
    int added = 0;
    int removed = 0;
    if (previous) {
        QSet<QString> appeared = now - before;
        QSet<QString> vanished = before - now;
        added = static_cast<int>(appeared.size()) - takeExpected(m_expectedAdded, entity, appeared);
        removed = static_cast<int>(vanished.size()) - takeExpected(m_expectedRemoved, entity, vanished);
    } else if (previousCount >= 0) {
        // Never listed before: only the counts tell, less what this app did.
        const int own = takeExpected(m_expectedAdded, entity, now);
        const int ownRemoved = takeExpected(m_expectedRemoved, entity, std::nullopt);
        const int difference = static_cast<int>(now.size()) - previousCount;
        added = qMax(0, difference - own);
        removed = qMax(0, -difference - ownRemoved);
    }
    if (origin == Origin::Sync && (added > 0 || removed > 0))
        emit remoteChanges(entity, added, removed);
}
