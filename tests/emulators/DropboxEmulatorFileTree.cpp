#include "DropboxEmulatorFileTree.h"

#include <QFile>
#include <QRandomGenerator>
#include <QUuid>

namespace {

QString newId()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    return QStringLiteral("id:")
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QDateTime nowInSeconds()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return now.addMSecs(-now.time().msec());
}

} // namespace

DropboxEmulatorFileTree::DropboxEmulatorFileTree(const QString& blobDirectory, QObject* parent)
    : QObject(parent)
    , m_blobDirectory(blobDirectory)
{ }

QString DropboxEmulatorFileTree::key(const QString& path)
{
    return path.normalized(QString::NormalizationForm_C).toLower();
}

QString DropboxEmulatorFileTree::parentKey(const QString& key)
{
    return key.left(qMax<qsizetype>(0, key.lastIndexOf(QLatin1Char('/'))));
}

bool DropboxEmulatorFileTree::isWithin(const QString& key, const QString& folderKey, bool recursive)
{
    const QString prefix = folderKey + QLatin1Char('/');
    return key.startsWith(prefix) && (recursive || !key.mid(prefix.size()).contains(QLatin1Char('/')));
}

const DropboxEmulatorFileTree::Entry* DropboxEmulatorFileTree::find(const QString& key) const
{
    const auto it = m_entries.constFind(key);
    return it == m_entries.constEnd() ? nullptr : &it.value();
}

const DropboxEmulatorFileTree::Entry* DropboxEmulatorFileTree::findById(const QString& id) const
{
    const auto it = m_keysById.constFind(id);
    return it == m_keysById.constEnd() ? nullptr : find(it.value());
}

const DropboxEmulatorFileTree::Entry* DropboxEmulatorFileTree::findByRev(const QString& rev) const
{
    for (const Entry& entry : m_entries) {
        if (!entry.isFolder && entry.rev == rev)
            return &entry;
    }
    return nullptr;
}

QString DropboxEmulatorFileTree::deletedPath(const QString& key) const
{
    return m_deleted.value(key);
}

QList<DropboxEmulatorFileTree::Item> DropboxEmulatorFileTree::list(const QString& folderKey, bool recursive,
                                                                   bool includeDeleted, const QString& afterKey,
                                                                   int maxCount) const
{
    // Everything below a folder sorts together after "<folder>/", so both maps are walked from there in step.
    const QString prefix = folderKey + QLatin1Char('/');
    const QString start = afterKey.isEmpty() ? prefix : afterKey;
    auto live = afterKey.isEmpty() ? m_entries.lowerBound(start) : m_entries.upperBound(start);
    auto gone = afterKey.isEmpty() ? m_deleted.lowerBound(start) : m_deleted.upperBound(start);
    const auto skipOutside = [&](auto& it, const auto& map) {
        while (it != map.cend() && it.key().startsWith(prefix) && !isWithin(it.key(), folderKey, recursive))
            ++it;
        return it != map.cend() && it.key().startsWith(prefix);
    };

    QList<Item> items;
    while (items.size() < maxCount) {
        const bool hasLive = skipOutside(live, m_entries);
        const bool hasGone = includeDeleted && skipOutside(gone, m_deleted);
        if (hasLive && (!hasGone || live.key() < gone.key())) {
            items.append({ live.key(), false, live.value() });
            ++live;
        } else if (hasGone) {
            Entry entry;
            entry.pathDisplay = gone.value();
            items.append({ gone.key(), true, entry });
            ++gone;
        } else {
            break;
        }
    }
    return items;
}

QList<QPair<qint64, DropboxEmulatorFileTree::Item>> DropboxEmulatorFileTree::changesSince(qint64 sequence) const
{
    QHash<QString, qint64> lastChange;
    for (qint64 n = sequence + 1; n <= m_changes.size(); ++n)
        lastChange.insert(m_changes.at(n - 1), n);

    QList<QPair<qint64, Item>> changes;
    for (qint64 n = sequence + 1; n <= m_changes.size(); ++n) {
        const QString& key = m_changes.at(n - 1);
        if (lastChange.value(key) != n)
            continue;
        Item item { key, false, {} };
        if (const Entry* entry = find(key)) {
            item.entry = *entry;
        } else {
            item.deleted = true;
            item.entry.pathDisplay = m_deleted.value(key);
        }
        changes.append({ n, item });
    }
    return changes;
}

DropboxEmulatorFileTree::Totals DropboxEmulatorFileTree::totals(const QString& key) const
{
    Totals totals;
    for (const QString& each : subtreeKeys(key)) {
        ++totals.entries;
        totals.bytes += m_entries.value(each).size;
    }
    return totals;
}

QString DropboxEmulatorFileTree::newBlobPath() const
{
    return m_blobDirectory + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

DropboxEmulatorFileTree::Entry DropboxEmulatorFileTree::putFile(const QString& path, const QString& blobPath,
                                                                qint64 size, const QString& contentHash,
                                                                const QDateTime& clientModified)
{
    ensureParents(path);
    const QString fileKey = key(path);
    Entry entry;
    entry.pathDisplay = path;
    entry.id = newId();
    if (const Entry* old = find(fileKey)) {
        // Overwriting keeps the file's identity and the casing it was created with.
        entry.pathDisplay = old->pathDisplay;
        entry.id = old->id;
        m_usedBytes -= old->size;
        QFile::remove(old->blobPath);
    }
    entry.rev = newRev();
    entry.size = size;
    entry.contentHash = contentHash;
    entry.serverModified = nowInSeconds();
    entry.clientModified = clientModified.isValid() ? clientModified : entry.serverModified;
    entry.blobPath = blobPath;
    m_usedBytes += size;
    const Entry inserted = insert(entry.pathDisplay, entry);
    recordChange(fileKey);
    emit changed();
    return inserted;
}

DropboxEmulatorFileTree::Entry DropboxEmulatorFileTree::makeFolder(const QString& path)
{
    ensureParents(path);
    Entry folder;
    folder.isFolder = true;
    folder.id = newId();
    const Entry inserted = insert(path, folder);
    recordChange(key(path));
    emit changed();
    return inserted;
}

void DropboxEmulatorFileTree::remove(const QString& key)
{
    for (const QString& gone : subtreeKeys(key)) {
        const Entry entry = m_entries.take(gone);
        if (!entry.isFolder) {
            QFile::remove(entry.blobPath);
            m_usedBytes -= entry.size;
        }
        m_keysById.remove(entry.id);
        m_deleted.insert(gone, entry.pathDisplay);
        recordChange(gone);
    }
    emit changed();
}

DropboxEmulatorFileTree::Entry DropboxEmulatorFileTree::relocate(const QString& fromKey, const QString& toPath,
                                                                 bool copy)
{
    QList<Entry> subtree;
    for (const QString& each : subtreeKeys(fromKey))
        subtree.append(m_entries.value(each));
    if (!copy) {
        for (const Entry& entry : subtree) {
            m_entries.remove(entry.pathLower());
            m_deleted.insert(entry.pathLower(), entry.pathDisplay);
            recordChange(entry.pathLower());
        }
    }

    ensureParents(toPath);
    // Parents come before their children, so insert() can take each one's casing from its new parent.
    const qsizetype fromLength = subtree.first().pathDisplay.size();
    Entry root;
    for (Entry entry : subtree) {
        entry.pathDisplay = toPath + entry.pathDisplay.mid(fromLength);
        if (copy) {
            entry.id = newId();
            if (!entry.isFolder) {
                const QString blob = newBlobPath();
                QFile::copy(entry.blobPath, blob);
                entry.blobPath = blob;
                m_usedBytes += entry.size;
            }
        }
        if (!entry.isFolder) {
            entry.rev = newRev();
            entry.serverModified = nowInSeconds();
        }
        const Entry inserted = insert(entry.pathDisplay, entry);
        recordChange(inserted.pathLower());
        if (root.id.isEmpty())
            root = inserted;
    }
    emit changed();
    return root;
}

QStringList DropboxEmulatorFileTree::subtreeKeys(const QString& key) const
{
    // Not simply from lowerBound(key): "/a b" sorts between "/a" and "/a/x".
    QStringList keys;
    if (m_entries.contains(key))
        keys.append(key);
    const QString prefix = key + QLatin1Char('/');
    for (auto it = m_entries.lowerBound(prefix); it != m_entries.cend() && it.key().startsWith(prefix); ++it)
        keys.append(it.key());
    return keys;
}

void DropboxEmulatorFileTree::ensureParents(const QString& path)
{
    const QStringList names = path.split(QLatin1Char('/'));
    QString folder;
    for (qsizetype i = 1; i + 1 < names.size(); ++i) {
        folder += QLatin1Char('/') + names.at(i);
        if (find(key(folder)))
            continue;
        Entry entry;
        entry.isFolder = true;
        entry.id = newId();
        insert(folder, entry);
        recordChange(key(folder));
    }
}

DropboxEmulatorFileTree::Entry& DropboxEmulatorFileTree::insert(const QString& path, const Entry& entry)
{
    // The parent's casing wins over the one this path was given in; only the last name is taken as given.
    const QString parent = parentKey(key(path));
    const Entry* parentEntry = find(parent);
    Entry stored = entry;
    stored.pathDisplay
        = (parentEntry ? parentEntry->pathDisplay : QString()) + QLatin1Char('/') + path.section(QLatin1Char('/'), -1);
    const QString storedKey = stored.pathLower();
    m_deleted.remove(storedKey);
    m_keysById.insert(stored.id, storedKey);
    return m_entries.insert(storedKey, stored).value();
}

void DropboxEmulatorFileTree::recordChange(const QString& key)
{
    m_changes.append(key);
}

QString DropboxEmulatorFileTree::newRev()
{
    // Revs look like Dropbox's: at least 9 lower-case hex digits.
    return QString::number(Q_INT64_C(0x015a00000000) + ++m_revCounter, 16).rightJustified(12, QLatin1Char('0'));
}
