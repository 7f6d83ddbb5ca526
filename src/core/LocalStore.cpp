#include "LocalStore.h"

#include "ContentHasher.h"
#include "DiskFull.h"
#include "DownloadFile.h"
#include "FileKind.h"
#include "LocalStoreWatcher.h"
#include "NameRules.h"
#include "NaturalOrder.h"
#include "RenameWithoutReplacing.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTemporaryFile>
#include <QUrl>

#include <cerrno>
#include <cstring>
#include <optional>
#include <unistd.h>

namespace {

constexpr qint64 chunkSize = 1024 * 1024;
// Temporary files are hidden and carry this marker, so that listings never show a half-written file.
const QString temporaryPrefix = QStringLiteral(".attache-");

bool isVisibleFile(const QFileInfo& info)
{
    return info.isFile() && !info.fileName().startsWith(QLatin1Char('.'));
}

void sortNaturally(QStringList& names)
{
    std::sort(names.begin(), names.end(), NaturalOrder::less);
}

// Qt 6.4 falls back to the home trash, $XDG_DATA_HOME/Trash, but when it cannot make that folder it "trashes" into
// files/ and info/ of the working directory. Making the folder first keeps the fallback a real trash; where it
// cannot be made there is no trash, and the confirmed delete removes the file.
bool moveToTrash(QFile& file)
{
    const QString dataHome = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dataHome.isEmpty() || !QDir().mkpath(dataHome + QStringLiteral("/Trash")))
        return false;
    return file.moveToTrash();
}

} // namespace

struct LocalStore::Outcome
{
    StoreReply::Error error = StoreReply::Error::None;
    QString message;
    QList<Entity> entities;
    QList<Attachment> attachments;

    static Outcome failure(StoreReply::Error error, const QString& message)
    {
        return Outcome { error, message, {}, {} };
    }
};

// What a worker sees of its request: cancellation and a way to report progress.
class LocalStore::Job
{
public:
    Job(std::shared_ptr<std::atomic_bool> cancelled, std::shared_ptr<std::atomic_bool> closing,
        std::function<void(qint64, qint64)> progress)
        : m_cancelled(std::move(cancelled))
        , m_closing(std::move(closing))
        , m_progress(std::move(progress))
    { }
    bool isCancelled() const { return m_cancelled->load() || m_closing->load(); }
    void progress(qint64 done, qint64 total) const { m_progress(done, total); }

    static Outcome cancelled() { return Outcome::failure(StoreReply::Error::Cancelled, tr("Cancelled.")); }

private:
    std::shared_ptr<std::atomic_bool> m_cancelled;
    std::shared_ptr<std::atomic_bool> m_closing;
    std::function<void(qint64, qint64)> m_progress;
};

namespace {

// Copies source in chunks to write, which gives the reason it could not take one, reporting progress and stopping
// when cancelled. Returns an empty string on success, else the reason.
QString copyStream(QIODevice& source, const std::function<QString(QByteArrayView)>& write, qint64 total,
                   const std::function<bool()>& isCancelled, const std::function<void(qint64, qint64)>& progress,
                   ContentHasher* hasher)
{
    QByteArray buffer(chunkSize, Qt::Uninitialized);
    qint64 done = 0;
    while (true) {
        if (isCancelled())
            return LocalStore::tr("Cancelled.");
        const qint64 read = source.read(buffer.data(), buffer.size());
        if (read < 0)
            return source.errorString();
        if (read == 0)
            break;
        if (const QString error = write(QByteArrayView(buffer.constData(), read)); !error.isEmpty())
            return error;
        if (hasher)
            hasher->addData(QByteArrayView(buffer.constData(), read));
        done += read;
        progress(done, total);
    }
    return {};
}

} // namespace

LocalStore::Outcome LocalStore::folderNotWritable(const QString& path)
{
    return Outcome::failure(
        StoreReply::Error::PermissionDenied,
        tr("Could not create the folder “%1”: it is read-only or not writable.").arg(QDir::toNativeSeparators(path)));
}

LocalStore::LocalStore(const QString& rootPath, QObject* parent)
    : Store(parent)
    , m_rootPath(QDir::cleanPath(QDir(rootPath).absolutePath()))
{
    // Disk work is I/O bound: a few threads keep several transfers moving without starving the thumbnailer.
    m_pool.setMaxThreadCount(4);
}

LocalStore::~LocalStore()
{
    m_closing->store(true);
    m_pool.waitForDone();
}

QString LocalStore::defaultRootPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/Attaché");
}

bool LocalStore::startWatching(const QByteArray&)
{
    // A folder not made yet cannot be watched, and the file system's notifications do not tell of other
    // machines' changes on a network share: both are polled instead.
    static const QStringList networkFileSystems { QStringLiteral("nfs"),   QStringLiteral("nfs4"),
                                                  QStringLiteral("cifs"),  QStringLiteral("smb3"),
                                                  QStringLiteral("smbfs"), QStringLiteral("fuse.sshfs") };
    const QStorageInfo storage(m_rootPath);
    if (!QFileInfo(m_rootPath).isDir()
        || networkFileSystems.contains(QString::fromLatin1(storage.fileSystemType()), Qt::CaseInsensitive))
        return false;
    // Changes made while the app was closed need no state: the first listing shows them.
    if (!m_watcher) {
        m_watcher = new LocalStoreWatcher(m_rootPath, this);
        connect(m_watcher, &LocalStoreWatcher::changed, this, &Store::changed);
    }
    return true;
}

QString LocalStore::uri() const
{
    return QStringLiteral("local:") + m_rootPath;
}

QString LocalStore::displayName() const
{
    return tr("Folder %1").arg(QDir::toNativeSeparators(m_rootPath));
}

Store::Operations LocalStore::supportedOperations() const
{
    // Thumbnails come from the files themselves (localFilePath), not from the store.
    return Operation::ListEntities | Operation::CreateEntity | Operation::ListAttachments | Operation::Upload
        | Operation::Download | Operation::Delete | Operation::Move | Operation::Rename;
}

QString LocalStore::entityPath(const EntityRef& entity) const
{
    return m_rootPath + QLatin1Char('/') + EntityTypes::folderName(entity.type) + QLatin1Char('/') + entity.id;
}

QString LocalStore::localFilePath(const AttachmentRef& attachment) const
{
    if (!NameRules::problem(attachment.entity.id).isEmpty() || !NameRules::problem(attachment.name).isEmpty())
        return {};
    return entityPath(attachment.entity) + QLatin1Char('/') + attachment.name;
}

StoreReply* LocalStore::start(Work work)
{
    auto* reply = new StoreReply;
    const QPointer<StoreReply> guard(reply);
    // Results travel back through the store, which outlives its pool; the reply may be gone by then.
    auto progress = [this, guard](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(
            this,
            [guard, done, total] {
                if (guard)
                    guard->reportProgress(done, total);
            },
            Qt::QueuedConnection);
    };
    m_pool.start([this, guard, work = std::move(work), cancelled = reply->cancelFlag(), progress]() mutable {
        Job job(cancelled, m_closing, progress);
        Outcome outcome = job.isCancelled() ? Job::cancelled() : work(job);
        QMetaObject::invokeMethod(
            this,
            [guard, outcome = std::move(outcome)] {
                if (!guard)
                    return;
                if (outcome.error != StoreReply::Error::None) {
                    guard->finishWithError(outcome.error, outcome.message);
                    return;
                }
                guard->setEntities(outcome.entities);
                guard->setAttachments(outcome.attachments);
                guard->finishWithSuccess();
            },
            Qt::QueuedConnection);
    });
    return reply;
}

Attachment LocalStore::describeFile(const QString& path, const Job& job)
{
    const QFileInfo info(path);
    Attachment attachment = Attachment::describe(info.fileName(), info.size(), info.lastModified());
    attachment.fileUri = QUrl::fromLocalFile(path).toString();

    // Hashing is the costly part of a listing: remember it while the file keeps its size and times.
    attachment.contentHash = rememberedHash(info);
    if (!attachment.contentHash.isEmpty())
        return attachment;
    attachment.contentHash = ContentHasher::hashFile(path, [&job] { return job.isCancelled(); });
    if (!attachment.contentHash.isEmpty())
        rememberHash(path, attachment.contentHash);
    return attachment;
}

QString LocalStore::rememberedHash(const QFileInfo& file)
{
    QMutexLocker lock(&m_hashMutex);
    const auto cached = m_hashes.constFind(file.filePath());
    if (cached != m_hashes.cend() && cached->size == file.size() && cached->modified == file.lastModified()
        && cached->changed == file.metadataChangeTime())
        return cached->hash;
    return {};
}

void LocalStore::rememberHash(const QString& path, const QString& hash)
{
    const QFileInfo info(path);
    QMutexLocker lock(&m_hashMutex);
    m_hashes.insert(path, CachedHash { info.size(), info.lastModified(), info.metadataChangeTime(), hash });
}

void LocalStore::forgetHash(const QString& path)
{
    QMutexLocker lock(&m_hashMutex);
    m_hashes.remove(path);
}

StoreReply* LocalStore::listEntities(EntityType type)
{
    const QString typePath = m_rootPath + QLatin1Char('/') + EntityTypes::folderName(type);
    return start([typePath, type](Job& job) {
        Outcome outcome;
        QDir dir(typePath);
        QStringList ids = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        sortNaturally(ids);
        for (const QString& id : std::as_const(ids)) {
            if (job.isCancelled())
                return Job::cancelled();
            // A folder made by hand with a name Attaché would refuse is left alone rather than shown.
            if (!NameRules::problem(id).isEmpty())
                continue;
            int count = 0;
            const QFileInfoList files = QDir(dir.filePath(id)).entryInfoList(QDir::Files);
            for (const QFileInfo& file : files)
                count += isVisibleFile(file) ? 1 : 0;
            outcome.entities.append(Entity { EntityRef { type, id }, count });
        }
        return outcome;
    });
}

QString LocalStore::nameProblem(const QString& name)
{
    if (const QString problem = NameRules::problem(name); !problem.isEmpty())
        return problem;
    // This store's own partial files are hidden so; and a hidden document would be stored and never listed.
    if (name.startsWith(QLatin1Char('.')))
        return tr("The name “%1” begins with a dot, which would hide it.").arg(name);
    return {};
}

StoreReply* LocalStore::createEntity(const EntityRef& entity)
{
    const QString path = entityPath(entity);
    return start([path, entity](Job&) {
        const QString problem = nameProblem(entity.id);
        if (!problem.isEmpty())
            return Outcome::failure(StoreReply::Error::InvalidName, problem);
        const QString title = EntityTypes::entityTitle(entity.type, entity.id);
        if (QFileInfo::exists(path))
            return Outcome::failure(StoreReply::Error::AlreadyExists, tr("%1 already exists.").arg(title));
        if (!QDir().mkpath(path))
            return Outcome::failure(
                StoreReply::Error::PermissionDenied,
                tr("Could not create %1: the folder “%2” is read-only or not writable.")
                    .arg(EntityTypes::entityTitle(entity.type, entity.id, EntityTypes::Wording::InSentence),
                         QDir::toNativeSeparators(path)));
        Outcome outcome;
        outcome.entities.append(Entity { entity, 0 });
        return outcome;
    });
}

StoreReply* LocalStore::listAttachments(const EntityRef& entity)
{
    const QString path = entityPath(entity);
    return start([this, path, entity](Job& job) {
        const QString problem = NameRules::problem(entity.id);
        if (!problem.isEmpty())
            return Outcome::failure(StoreReply::Error::InvalidName, problem);
        QDir dir(path);
        if (!dir.exists())
            return Outcome::failure(StoreReply::Error::NotFound,
                                    tr("%1 does not exist.").arg(EntityTypes::entityTitle(entity.type, entity.id)));
        Outcome outcome;
        QStringList names;
        const QFileInfoList files = dir.entryInfoList(QDir::Files);
        for (const QFileInfo& file : files) {
            if (isVisibleFile(file))
                names.append(file.fileName());
        }
        sortNaturally(names);
        for (const QString& name : std::as_const(names)) {
            if (job.isCancelled())
                return Job::cancelled();
            outcome.attachments.append(describeFile(dir.filePath(name), job));
        }
        return outcome;
    });
}

LocalStore::Outcome LocalStore::renamed(Job& job, const QString& fromPath, const QString& path,
                                        const QString& knownHash)
{
    forgetHash(fromPath);
    if (!knownHash.isEmpty())
        rememberHash(path, knownHash);
    Outcome outcome;
    outcome.attachments.append(describeFile(path, job));
    return outcome;
}

LocalStore::Outcome LocalStore::storeUnderFreeName(Job& job, const QString& fromPath, const QString& dir,
                                                   const QString& name, const QString& knownHash, DiskFull::Write write)
{
    // The first free name wins, even against a racing writer: a name taken meanwhile is passed over.
    for (int n = 1; n < 10000; ++n) {
        const QString candidate = n == 1 ? name : NameRules::numbered(name, n);
        const QString target = dir + QLatin1Char('/') + candidate;
        const int error = renameWithoutReplacing(fromPath, target);
        if (error == 0)
            return renamed(job, fromPath, target, knownHash);
        if (error == EEXIST)
            continue;
        if (const auto message = DiskFull::message(error, name, write))
            return Outcome::failure(StoreReply::Error::DiskFull, *message);
        return Outcome::failure(
            StoreReply::Error::PermissionDenied,
            (write == DiskFull::Write::Move ? tr("Could not move “%1”: %2") : tr("Could not store “%1”: %2"))
                .arg(name, qt_error_string(error)));
    }
    return Outcome::failure(StoreReply::Error::AlreadyExists, tr("No free name left for “%1”.").arg(name));
}

StoreReply* LocalStore::upload(const QString& localPath, const EntityRef& target, const QString& name,
                               const QByteArray&)
{
    // A local copy is quick to start again: there is nothing to resume.
    const QString dirPath = entityPath(target);
    return start([this, localPath, target, name, dirPath](Job& job) {
        for (const QString& part : { target.id, name }) {
            const QString problem = nameProblem(part);
            if (!problem.isEmpty())
                return Outcome::failure(StoreReply::Error::InvalidName, problem);
        }
        const QFileInfo sourceInfo(localPath);
        const QString shownSource = QDir::toNativeSeparators(localPath);
        if (!sourceInfo.exists())
            return Outcome::failure(StoreReply::Error::NotFound,
                                    tr("“%1” was not found: it may have been moved or deleted.").arg(shownSource));
        if (sourceInfo.isDir())
            return Outcome::failure(StoreReply::Error::Unsupported,
                                    tr("“%1” is a folder. Attach the files inside it instead.").arg(shownSource));
        QFile source(localPath);
        if (!source.open(QIODevice::ReadOnly))
            return Outcome::failure(StoreReply::Error::PermissionDenied,
                                    tr("Could not read “%1”: %2").arg(shownSource, source.errorString()));
        const qint64 total = source.size();

        if (!QDir().mkpath(dirPath))
            return folderNotWritable(dirPath);
        const QStorageInfo storage(dirPath);
        if (storage.isReadOnly())
            return Outcome::failure(
                StoreReply::Error::PermissionDenied,
                tr("The folder “%1” is on a read-only disk.").arg(QDir::toNativeSeparators(dirPath)));
        if (storage.bytesAvailable() >= 0 && total > storage.bytesAvailable())
            return Outcome::failure(
                StoreReply::Error::DiskFull,
                tr("Not enough disk space for “%1”: it needs %2 and %3 is free.")
                    .arg(name, FileKind::localizedSize(total), FileKind::localizedSize(storage.bytesAvailable())));

        QTemporaryFile temporary(dirPath + QLatin1Char('/') + temporaryPrefix + QStringLiteral("XXXXXX.part"));
        // Written unbuffered, so that a disk that fills up shows in the write that met it rather than in a short
        // flush that Qt reports as written.
        QFile unbuffered;
        if (!temporary.open()
            || !unbuffered.open(temporary.handle(), QIODevice::WriteOnly | QIODevice::Unbuffered,
                                QFileDevice::DontCloseHandle))
            return Outcome::failure(StoreReply::Error::PermissionDenied,
                                    tr("Could not write in “%1”: %2")
                                        .arg(QDir::toNativeSeparators(dirPath),
                                             (temporary.isOpen() ? unbuffered : temporary).errorString()));
        int writeError = 0;
        // The hash of the bytes written, not of whatever the file's path held before.
        ContentHasher hasher;
        const auto write = [&unbuffered, &writeError](QByteArrayView data) {
            if (unbuffered.write(data.data(), data.size()) == data.size())
                return QString();
            writeError = errno;
            return unbuffered.errorString();
        };
        QString copyError = copyStream(
            source, write, total, [&job] { return job.isCancelled(); },
            [&job](qint64 done, qint64 all) { job.progress(done, all); }, &hasher);
        if (job.isCancelled())
            return Job::cancelled();
        // The document is only shown once it is safely on disk.
        if (copyError.isEmpty() && ::fsync(temporary.handle()) != 0) {
            writeError = errno;
            copyError = QString::fromLocal8Bit(strerror(errno));
        }
        if (!copyError.isEmpty()) {
            if (const auto message = DiskFull::message(writeError, name, DiskFull::Write::Store))
                return Outcome::failure(StoreReply::Error::DiskFull, *message);
            return Outcome::failure(StoreReply::Error::Io, tr("Could not store “%1”: %2").arg(name, copyError));
        }
        temporary.setFileTime(sourceInfo.lastModified(), QFileDevice::FileModificationTime);
        temporary.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                 | QFileDevice::ReadOther);
        temporary.close();
        temporary.setAutoRemove(false);
        const QString temporaryPath = temporary.fileName();
        Outcome stored
            = storeUnderFreeName(job, temporaryPath, dirPath, name, hasher.hexResult(), DiskFull::Write::Store);
        // Not stored: nothing of it stays.
        if (stored.error != StoreReply::Error::None)
            QFile::remove(temporaryPath);
        return stored;
    });
}

StoreReply* LocalStore::download(const AttachmentRef& attachment, const QString& localPath, const QByteArray&,
                                 ExistingFile existing)
{
    const QString sourcePath = localFilePath(attachment);
    return start([sourcePath, localPath, attachment, existing](Job& job) {
        if (sourcePath.isEmpty())
            return Outcome::failure(StoreReply::Error::InvalidName, NameRules::problem(attachment.name));
        QFile source(sourcePath);
        if (!source.exists())
            return Outcome::failure(StoreReply::Error::NotFound, tr("“%1” no longer exists.").arg(attachment.name));
        if (!source.open(QIODevice::ReadOnly))
            return Outcome::failure(StoreReply::Error::PermissionDenied,
                                    tr("Could not read “%1”: %2").arg(attachment.name, source.errorString()));
        const QString shownTarget = QDir::toNativeSeparators(localPath);
        const QStorageInfo storage(QFileInfo(localPath).absolutePath());
        if (storage.isValid() && storage.bytesAvailable() >= 0 && source.size() > storage.bytesAvailable())
            return Outcome::failure(StoreReply::Error::DiskFull,
                                    tr("Not enough disk space for “%1”: it needs %2 and %3 is free.")
                                        .arg(shownTarget, FileKind::localizedSize(source.size()),
                                             FileKind::localizedSize(storage.bytesAvailable())));
        // Into a partial file beside the target, as a remote store's download: the target is replaced only once
        // every byte is on disk, a name of any length can be replaced, and no other download to it mixes its bytes in.
        DownloadFile target(localPath, existing, DownloadFile::Hashing::Off);
        if (const QString error = target.open(); !error.isEmpty())
            return Outcome::failure(target.errorCode(), error);
        // Nothing of a download that failed stays: a local copy is made again whole rather than resumed.
        const auto givenUp = [&target, &job](StoreReply::Error error, const QString& message) {
            target.discard();
            return job.isCancelled() ? Job::cancelled() : Outcome::failure(error, message);
        };
        const QString copyError = copyStream(
            source, [&target](QByteArrayView data) { return target.append(data); }, source.size(),
            [&job] { return job.isCancelled(); }, [&job](qint64 done, qint64 all) { job.progress(done, all); },
            nullptr);
        // The file's own failure says what it is; any other is the document's, which could not be read.
        if (!copyError.isEmpty() && target.errorCode() == StoreReply::Error::None)
            return givenUp(StoreReply::Error::Io, tr("Could not read “%1”: %2").arg(attachment.name, copyError));
        if (!copyError.isEmpty() || job.isCancelled())
            return givenUp(target.errorCode(), copyError);
        QString noHash;
        QString error = target.finish(&noHash);
        // A cancel while the last blocks went to disk still leaves the target as it was.
        if (error.isEmpty() && job.isCancelled())
            return givenUp(StoreReply::Error::Cancelled, {});
        if (error.isEmpty())
            error = target.commit();
        if (!error.isEmpty())
            return givenUp(target.errorCode(), error);
        QFile saved(localPath);
        if (saved.open(QIODevice::ReadWrite))
            saved.setFileTime(QFileInfo(sourcePath).lastModified(), QFileDevice::FileModificationTime);
        return Outcome {};
    });
}

QString LocalStore::deletionNote() const
{
    return tr("Deleted documents go to the trash where the system has one.");
}

StoreReply* LocalStore::remove(const AttachmentRef& attachment, const QString& expectedContentHash)
{
    const QString path = localFilePath(attachment);
    return start([this, path, attachment, expectedContentHash](Job& job) {
        if (path.isEmpty())
            return Outcome::failure(StoreReply::Error::InvalidName, NameRules::problem(attachment.name));
        QFile file(path);
        if (!QFileInfo(path).isFile())
            return Outcome::failure(StoreReply::Error::NotFound, tr("“%1” no longer exists.").arg(attachment.name));
        if (!expectedContentHash.isEmpty()) {
            const QString hash = describeFile(path, job).contentHash;
            if (job.isCancelled())
                return Job::cancelled();
            if (hash.isEmpty())
                return Outcome::failure(StoreReply::Error::Io, tr("Could not read “%1”.").arg(attachment.name));
            if (hash != expectedContentHash)
                return Outcome::failure(StoreReply::Error::Changed, changedSinceChosen(attachment.name));
        }
        forgetHash(path);
        // The system trash keeps a way back; a plain delete only where there is no trash.
        if (moveToTrash(file) || file.remove())
            return Outcome {};
        return Outcome::failure(StoreReply::Error::PermissionDenied,
                                tr("Could not delete “%1”: %2").arg(attachment.name, file.errorString()));
    });
}

StoreReply* LocalStore::thumbnail(const AttachmentRef&, const QSize&)
{
    return unsupported(tr("A folder on this computer has no thumbnails of its own to fetch."));
}

StoreReply* LocalStore::move(const AttachmentRef& attachment, const EntityRef& target)
{
    const QString sourcePath = localFilePath(attachment);
    const QString targetDir = entityPath(target);
    return start([this, sourcePath, targetDir, attachment, target](Job& job) {
        if (sourcePath.isEmpty())
            return Outcome::failure(StoreReply::Error::InvalidName, NameRules::problem(attachment.name));
        const QString problem = nameProblem(target.id);
        if (!problem.isEmpty())
            return Outcome::failure(StoreReply::Error::InvalidName, problem);
        if (!QFileInfo(sourcePath).isFile())
            return Outcome::failure(StoreReply::Error::NotFound, tr("“%1” no longer exists.").arg(attachment.name));
        if (target == attachment.entity) {
            Outcome outcome;
            outcome.attachments.append(describeFile(sourcePath, job));
            return outcome;
        }
        if (!QDir().mkpath(targetDir))
            return folderNotWritable(targetDir);
        // The content goes unchanged, and its hash with it.
        return storeUnderFreeName(job, sourcePath, targetDir, attachment.name, rememberedHash(QFileInfo(sourcePath)),
                                  DiskFull::Write::Move);
    });
}

StoreReply* LocalStore::rename(const AttachmentRef& attachment, const QString& newName)
{
    const QString sourcePath = localFilePath(attachment);
    const QString dir = entityPath(attachment.entity);
    return start([this, sourcePath, dir, attachment, newName](Job& job) {
        if (sourcePath.isEmpty())
            return Outcome::failure(StoreReply::Error::InvalidName, NameRules::problem(attachment.name));
        if (const QString problem = nameProblem(newName); !problem.isEmpty())
            return Outcome::failure(StoreReply::Error::InvalidName, problem);
        if (!QFileInfo(sourcePath).isFile())
            return Outcome::failure(StoreReply::Error::NotFound, tr("“%1” no longer exists.").arg(attachment.name));
        const QString target = dir + QLatin1Char('/') + newName;
        // The content stays as it is, and so does its hash.
        const QString hash = rememberedHash(QFileInfo(sourcePath));
        if (const int error = renameWithoutReplacing(sourcePath, target); error == EEXIST)
            return Outcome::failure(StoreReply::Error::AlreadyExists,
                                    tr("There is already a document named “%1” on %2.")
                                        .arg(newName,
                                             EntityTypes::entityTitle(attachment.entity.type, attachment.entity.id,
                                                                      EntityTypes::Wording::InSentence)));
        else if (const auto message = DiskFull::message(error, attachment.name, DiskFull::Write::Rename))
            return Outcome::failure(StoreReply::Error::DiskFull, *message);
        else if (error != 0)
            return Outcome::failure(StoreReply::Error::PermissionDenied,
                                    tr("Could not rename “%1”: %2").arg(attachment.name, qt_error_string(error)));
        return renamed(job, sourcePath, target, hash);
    });
}
