#pragma once

#include "DiskFull.h"
#include "Store.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QThreadPool>

#include <functional>

class LocalStoreWatcher;
class QFileInfo;

// The default store: a folder on this machine laid out as <root>/<Type>/<Id>/<file>, the layout
// KashFlow keeps in Dropbox. All disk work runs on a private thread pool; replies come back on the
// thread that made the request.
class LocalStore : public Store
{
    Q_OBJECT

public:
    explicit LocalStore(const QString& rootPath, QObject* parent = nullptr);
    ~LocalStore() override;

    // <Documents>/Attaché
    static QString defaultRootPath();

    QString rootPath() const { return m_rootPath; }

    QString uri() const override;
    QString displayName() const override;
    Operations supportedOperations() const override;

    StoreReply* listEntities(EntityType type) override;
    StoreReply* createEntity(const EntityRef& entity) override;
    StoreReply* listAttachments(const EntityRef& entity) override;
    using Store::upload;
    StoreReply* upload(const QString& localPath, const EntityRef& target, const QString& name,
                       const QByteArray& resumeState) override;
    using Store::download;
    // A copy on this machine is quick: it starts again rather than resuming.
    StoreReply* download(const AttachmentRef& attachment, const QString& localPath, const QByteArray& resumeState,
                         ExistingFile existing) override;
    using Store::remove;
    StoreReply* remove(const AttachmentRef& attachment, const QString& expectedContentHash) override;
    StoreReply* thumbnail(const AttachmentRef& attachment, const QSize& size) override;
    StoreReply* move(const AttachmentRef& attachment, const EntityRef& target) override;
    StoreReply* rename(const AttachmentRef& attachment, const QString& newName) override;

    // Watches the folders with the file system's notifications, where they tell of every change.
    bool startWatching(const QByteArray& state) override;
    QString localFilePath(const AttachmentRef& attachment) const override;
    QString deletionNote() const override;
    // The folder that holds a record's documents, <root>/<Type>/<Id>.
    QString entityPath(const EntityRef& entity) const;

private:
    struct Outcome;
    class Job;
    using Work = std::function<Outcome(Job&)>;

    StoreReply* start(Work work);
    Attachment describeFile(const QString& path, const Job& job);
    // Renames fromPath to the first free name in dir, for a document stored or moved (write). knownHash, when known,
    // is the content hash of the file: it is remembered for its new path rather than read again.
    Outcome storeUnderFreeName(Job& job, const QString& fromPath, const QString& dir, const QString& name,
                               const QString& knownHash, DiskFull::Write write);
    // A file renamed from fromPath to path: its hash, when known, goes with it, and the outcome describes it.
    Outcome renamed(Job& job, const QString& fromPath, const QString& path, const QString& knownHash);
    static Outcome folderNotWritable(const QString& path);
    // Why name cannot be a document or record here: NameRules' reasons, and a leading dot.
    static QString nameProblem(const QString& name);
    // The hash remembered for a file while it keeps the size and times it was hashed at; empty otherwise.
    QString rememberedHash(const QFileInfo& file);
    void rememberHash(const QString& path, const QString& hash);
    void forgetHash(const QString& path);

    const QString m_rootPath;
    LocalStoreWatcher* m_watcher = nullptr;
    QThreadPool m_pool;
    std::shared_ptr<std::atomic_bool> m_closing = std::make_shared<std::atomic_bool>(false);

    struct CachedHash
    {
        // An upload keeps the source's modification time, so a replaced file is told apart by its ctime too.
        qint64 size;
        QDateTime modified;
        QDateTime changed;
        QString hash;
    };
    QMutex m_hashMutex;
    QHash<QString, CachedHash> m_hashes;
};
