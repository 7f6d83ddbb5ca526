#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

// The emulated Dropbox namespace: metadata in memory, each file's content in its own file on disk. Keys are
// lower-cased NFC paths (Dropbox is case-insensitive and case-preserving), "" being the root. Every change is
// numbered, so that cursors can say what a client has already seen.
class DropboxEmulatorFileTree : public QObject
{
    Q_OBJECT

public:
    struct Entry
    {
        bool isFolder = false;
        QString pathDisplay;
        QString id;
        // Files only:
        QString rev;
        qint64 size = 0;
        QString contentHash;
        QDateTime clientModified;
        QDateTime serverModified;
        QString blobPath;

        QString name() const { return pathDisplay.section(QLatin1Char('/'), -1); }
        QString pathLower() const { return key(pathDisplay); }
    };

    // One item of a listing: an entry, or (deleted) only the display path of what used to be there.
    struct Item
    {
        QString key;
        bool deleted = false;
        Entry entry;
    };

    explicit DropboxEmulatorFileTree(const QString& blobDirectory, QObject* parent = nullptr);

    static QString key(const QString& path);
    static QString parentKey(const QString& key);
    // True when `key` lies within the folder (anywhere below it when recursive, else directly in it).
    static bool isWithin(const QString& key, const QString& folderKey, bool recursive);

    const Entry* find(const QString& key) const;
    const Entry* findById(const QString& id) const;
    const Entry* findByRev(const QString& rev) const;
    // The display path of what was last deleted at `key` and not replaced since; empty when none.
    QString deletedPath(const QString& key) const;

    // Up to `maxCount` items of the folder with keys after `afterKey`, in key order (parents before children).
    QList<Item> list(const QString& folderKey, bool recursive, bool includeDeleted, const QString& afterKey,
                     int maxCount) const;
    // The state now of everything changed after change number `sequence`, once each, in the order of its last
    // change, with the number of that change.
    QList<QPair<qint64, Item>> changesSince(qint64 sequence) const;
    qint64 sequence() const { return m_changes.size(); }
    qint64 usedBytes() const { return m_usedBytes; }
    struct Totals
    {
        int entries = 0;
        qint64 bytes = 0;
    };
    // The entry at `key` and everything below it.
    Totals totals(const QString& key) const;

    // A new file name in the blob directory, for content on its way in.
    QString newBlobPath() const;

    // The mutations. Paths are display paths; missing parent folders are created, so no ancestor may be a file.
    // putFile() takes over the blob, replacing the content of a file already there (same id, new rev).
    Entry putFile(const QString& path, const QString& blobPath, qint64 size, const QString& contentHash,
                  const QDateTime& clientModified);
    Entry makeFolder(const QString& path);
    // Removes the entry and everything below it.
    void remove(const QString& key);
    // Moves (same ids) or copies (new ids, copied content) the entry and everything below it; `toPath` is free.
    Entry relocate(const QString& fromKey, const QString& toPath, bool copy);

signals:
    void changed();

private:
    // The key itself, if there is an entry, then everything below it in key order.
    QStringList subtreeKeys(const QString& key) const;
    void ensureParents(const QString& path);
    Entry& insert(const QString& path, const Entry& entry);
    void recordChange(const QString& key);
    QString newRev();

    QString m_blobDirectory;
    QMap<QString, Entry> m_entries;
    QHash<QString, QString> m_keysById;
    QMap<QString, QString> m_deleted;
    QList<QString> m_changes; // the key each numbered change touched, change n at index n - 1
    qint64 m_usedBytes = 0;
    qint64 m_revCounter = 0;
};
