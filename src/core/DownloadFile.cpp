#include "DownloadFile.h"

#include "DiskFull.h"
#include "RenameWithoutReplacing.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QIODevice>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
// How much is written through the page cache before the kernel is asked to start writing it back.
constexpr qint64 WriteBackStep = 32 * 1024 * 1024;
// What writes past the page cache must be aligned to: the largest logical block size of common disks.
constexpr qint64 DirectAlignment = 4096;

qint64 alignDown(qint64 value, qint64 alignment)
{
    return value - value % alignment;
}

// Whether another download, in this process or another, holds the partial file open locked; takes the lock when
// none does. A file system without locks has no such download.
bool isHeldElsewhere(int handle)
{
    return ::flock(handle, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
}

QString systemError(int error = errno)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString cannotWrite(const QString& path, const QString& reason)
{
    return QCoreApplication::translate("DownloadFile", "Could not write “%1”: %2")
        .arg(QDir::toNativeSeparators(path), reason);
}

QString cannotSave(const QString& path, const QString& reason)
{
    return QCoreApplication::translate("DownloadFile", "Could not save “%1”: %2")
        .arg(QDir::toNativeSeparators(path), reason);
}

// The file a download to path replaces: a symbolic link's target rather than the link, as QSaveFile does.
QString finalPath(const QString& path)
{
    QFileInfo info(path);
    for (int depth = 0; depth < 128 && info.isSymLink(); ++depth)
        info.setFile(info.symLinkTarget());
    return info.isSymLink() ? path : info.filePath();
}

QString partialPathBeside(const QString& target)
{
    const QFileInfo info(target);
    const QString suffix = QStringLiteral(".attache-partial");
    QString name = info.fileName();
    const QByteArray bytes = name.toUtf8();
    // A name near the file system's 255 bytes would be too long with the dot and suffix: its hash stands in.
    if (1 + bytes.size() + suffix.size() > NAME_MAX)
        name = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    return info.path() + QStringLiteral("/.") + name + suffix;
}
} // namespace

struct DownloadFile::Block
{
    // Where data[0] goes in the file: a multiple of BlockSize.
    qint64 start = 0;
    Buffer data;
    // Written by the receiving thread, under the mutex once the bytes are in data.
    qint64 filled = 0;
    // Of data, what is in the file.
    qint64 written = 0;
    // No more bytes come: full, or the last.
    bool complete = false;
    bool hashClaimed = false;
    bool hashed = false;
};

void DownloadFile::FreeAligned::operator()(char* data) const
{
    std::free(data);
}

QString DownloadFile::partialPath(const QString& path)
{
    return partialPathBeside(finalPath(path));
}

DownloadFile::DownloadFile(const QString& path, ExistingFile existing, Hashing hashing)
    : m_path(path)
    , m_existing(existing)
    , m_hashing(hashing)
    , m_target(finalPath(path))
    , m_file(partialPathBeside(m_target))
{ }

DownloadFile::~DownloadFile()
{
    stop(true);
    closeFiles();
}

QString DownloadFile::open(qint64 offset, std::function<void()> keptHashed)
{
    // Read-write, which creates the file but does not empty it; a partial file to carry on must be there.
    const QIODevice::OpenMode mode
        = QIODevice::ReadWrite | QIODevice::Unbuffered | (offset > 0 ? QIODevice::ExistingOnly : QIODevice::NotOpen);
    // Kept, so that an append() after all gives it rather than waiting for bytes that are never read back.
    const auto failed = [this](const QString& error) {
        setError(error);
        return error;
    };
    const QFileInfo target(m_target);
    if (target.exists() && m_existing == ExistingFile::Keep)
        return targetTaken();
    m_replacing = target.exists();
    // A file the user write-protected (its owner may not write it) is not replaced: the folder's permission alone
    // would let the rename through.
    if (target.exists() && !target.permissions().testFlag(QFileDevice::WriteOwner)) {
        const QString refusal
            = QCoreApplication::translate("DownloadFile", "“%1” is write-protected: it was not replaced.")
                  .arg(QDir::toNativeSeparators(m_path));
        setError(refusal, StoreReply::Error::PermissionDenied);
        return refusal;
    }
    if (!m_file.open(mode))
        return openFailed(errno);
    // The document's own permissions from the start, so that a private one is never readable by others midway.
    if (target.exists())
        m_file.setPermissions(target.permissions());
    // Before anything is cut: a second download into this partial file, from this process or another (attache-cli
    // beside the window), would mix its bytes with the first's. A file system without locks is no reason to refuse.
    if (isHeldElsewhere(m_file.handle()))
        return failed(QCoreApplication::translate("DownloadFile", "Another download to “%1” is under way.")
                          .arg(QDir::toNativeSeparators(m_path)));
    // The file locked may have become a document (committed) or gone (discarded) since it was opened: then it is
    // not this download's to cut, and the name is opened again.
    struct stat locked
    {
    };
    struct stat named
    {
    };
    if (::fstat(m_file.handle(), &locked) == 0
        && (::stat(QFile::encodeName(m_file.fileName()).constData(), &named) != 0 || named.st_ino != locked.st_ino
            || named.st_dev != locked.st_dev)) {
        m_file.close();
        return open(offset, std::move(keptHashed));
    }
    if (m_file.size() < offset)
        return failed(QCoreApplication::translate("DownloadFile", "The part of “%1” downloaded before is incomplete.")
                          .arg(QDir::toNativeSeparators(m_path)));
    if (!m_file.resize(offset))
        return failed(cannotWrite(m_path, m_file.errorString()));
#ifdef O_DIRECT
    m_direct = ::open(QFile::encodeName(m_file.fileName()).constData(), O_WRONLY | O_DIRECT | O_CLOEXEC);
#endif
    m_received = offset;
    m_written = offset;
    m_writtenBack = offset;
    m_flushTo = offset;
    // The kept bytes of an unfinished block come back into the first block, which is hashed whole.
    m_nextBlockStart = alignDown(offset, BlockSize);
    m_keptReady = offset == m_nextBlockStart;
    m_writer = std::thread([this] { writeBlocks(); });
    for (int i = 0; i < HashThreads; ++i) {
        m_hashers.emplace_back([this, i, offset, keptHashed] {
            if (i == 0)
                takeKept(offset, keptHashed);
            hashBlocks();
        });
    }
    return {};
}

void DownloadFile::takeKept(qint64 offset, const std::function<void()>& keptHashed)
{
    const qint64 whole = alignDown(offset, BlockSize);
    // Another handle: the writing thread may write at the end of the file meanwhile.
    const auto cannotRead = [this] {
        setError(QCoreApplication::translate("DownloadFile", "Could not read the part of “%1” downloaded before.")
                     .arg(QDir::toNativeSeparators(m_path)));
    };
    if (whole > 0 && !m_keptHasher.addFile(m_file.fileName(), whole, [this] { return m_abandoned.load(); })
        && !m_abandoned)
        cannotRead();
    if (offset > whole) {
        Block* first = blockWithRoom();
        QFile kept(m_file.fileName());
        const bool read = first && kept.open(QIODevice::ReadOnly) && kept.seek(whole)
            && kept.read(first->data.get(), offset - whole) == offset - whole;
        if (first && !read)
            cannotRead();
        {
            std::lock_guard lock(m_mutex);
            if (read)
                first->filled = first->written = offset - whole;
            m_keptReady = true;
        }
        m_changed.notify_all();
    }
    if (keptHashed && !m_abandoned)
        keptHashed();
}

DownloadFile::Block* DownloadFile::blockWithRoom()
{
    std::unique_lock lock(m_mutex);
    Block* last = m_blocks.empty() ? nullptr : m_blocks.back().get();
    if (last && !last->complete)
        return last;
    m_changed.wait(lock,
                   [this] { return !m_spare.empty() || m_buffers < MaxBlocks || !m_error.isEmpty() || m_closing; });
    if (!m_error.isEmpty() || m_closing)
        return nullptr;
    auto block = std::make_unique<Block>();
    block->start = m_nextBlockStart;
    m_nextBlockStart += BlockSize;
    if (!m_spare.empty()) {
        block->data = std::move(m_spare.back());
        m_spare.pop_back();
    } else {
        block->data.reset(static_cast<char*>(std::aligned_alloc(DirectAlignment, BlockSize)));
        Q_CHECK_PTR(block->data.get());
        ++m_buffers;
    }
    m_blocks.push_back(std::move(block));
    return m_blocks.back().get();
}

QString DownloadFile::append(QByteArrayView data)
{
    return receive([&data] { return !data.isEmpty(); },
                   [&data](char* to, qint64 room) {
                       const qint64 take = std::min<qint64>(room, data.size());
                       std::memcpy(to, data.data(), size_t(take));
                       data = data.sliced(take);
                       return take;
                   });
}

QString DownloadFile::append(QIODevice& source)
{
    return receive([&source] { return source.bytesAvailable() > 0; },
                   [&source](char* to, qint64 room) { return std::max<qint64>(0, source.read(to, room)); });
}

QString DownloadFile::receive(const std::function<bool()>& more,
                              const std::function<qint64(char* to, qint64 room)>& copy)
{
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_keptReady || !m_error.isEmpty(); });
    }
    // A block is asked for only when there is something to put in it: waiting for a free one is waiting for the
    // disk.
    while (more()) {
        Block* block = blockWithRoom();
        if (!block)
            break;
        // Only this thread adds to a block, and the others read no further than filled.
        const qint64 copied = copy(block->data.get() + block->filled, BlockSize - block->filled);
        if (copied == 0)
            break;
        bool completed = false;
        {
            std::lock_guard lock(m_mutex);
            block->filled += copied;
            m_received += copied;
            completed = block->complete = block->filled == BlockSize;
        }
        if (completed)
            m_changed.notify_all();
    }
    std::lock_guard lock(m_mutex);
    return m_error;
}

DownloadFile::Block* DownloadFile::firstBlock(const std::function<bool(const Block&)>& wanted) const
{
    for (const auto& block : m_blocks) {
        if (wanted(*block))
            return block.get();
    }
    return nullptr;
}

qint64 DownloadFile::writeTarget(const Block& block) const
{
    // A block still filling is written only as far as a flush asks.
    return block.complete ? block.filled : std::clamp(m_flushTo - block.start, block.written, block.filled);
}

void DownloadFile::writeBlocks()
{
    while (true) {
        Block* block = nullptr;
        qint64 from = 0;
        qint64 to = 0;
        bool complete = false;
        {
            std::unique_lock lock(m_mutex);
            const auto pending
                = [this] { return firstBlock([this](const Block& b) { return writeTarget(b) > b.written; }); };
            m_changed.wait(lock, [&] { return pending() || m_closing; });
            block = pending();
            if (!block)
                return;
            from = block->written;
            to = writeTarget(*block);
            complete = block->complete;
        }
        // After a failed write the rest is skipped: nothing may land after a gap.
        if (const int error = writeRange(*block, complete, from, to); error != 0) {
            writeFailed(error);
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            block->written = to;
            m_written = block->start + to;
            releaseFinished();
        }
        m_changed.notify_all();
    }
}

int DownloadFile::writeRange(const Block& block, bool complete, qint64 from, qint64 to)
{
    const char* data = block.data.get();
    // Past the page cache: whole aligned stretches of a block that no longer changes. Bytes before `from` that
    // share its first aligned stretch are written again, as they were.
    if (m_direct >= 0 && complete) {
        const qint64 first = alignDown(from, DirectAlignment);
        const qint64 end = alignDown(to, DirectAlignment);
        for (qint64 at = first; at < end;) {
            const ssize_t done = ::pwrite(m_direct, data + at, size_t(end - at), block.start + at);
            if (done < 0 && errno == EINTR)
                continue;
            if (done < 0 && errno == EINVAL) {
                // Alignment the file system does not take after all: the page cache from here on.
                ::close(std::exchange(m_direct, -1));
                break;
            }
            if (done <= 0)
                return done < 0 ? errno : EIO;
            at += done;
            from = std::max(from, at);
        }
    }
    for (qint64 at = from; at < to;) {
        const ssize_t done = ::pwrite(m_file.handle(), data + at, size_t(to - at), block.start + at);
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            return done < 0 ? errno : EIO;
        at += done;
    }
#ifdef Q_OS_LINUX
    // Starts writing back what went through the cache, so that the sync in commit() does not wait for all of it.
    const qint64 end = block.start + to;
    if (end - m_writtenBack >= WriteBackStep) {
        ::sync_file_range(m_file.handle(), m_writtenBack, end - m_writtenBack, SYNC_FILE_RANGE_WRITE);
        m_writtenBack = end;
    }
#endif
    return 0;
}

void DownloadFile::hashBlocks()
{
    while (true) {
        Block* block = nullptr;
        {
            std::unique_lock lock(m_mutex);
            const auto next
                = [this] { return firstBlock([](const Block& b) { return b.complete && !b.hashClaimed; }); };
            m_changed.wait(lock, [&] { return next() || m_closing || m_abandoned; });
            block = m_abandoned ? nullptr : next();
            if (!block)
                return;
            block->hashClaimed = true;
        }
        QByteArray digest;
        if (m_hashing == Hashing::On) {
            ContentHasher hasher;
            hasher.addData({ block->data.get(), block->filled });
            // An empty last block adds nothing, as with ContentHasher.
            digest = hasher.blockDigests();
        }
        {
            std::lock_guard lock(m_mutex);
            if (digest.size() == ContentHasher::DigestSize)
                m_digests[block->start] = digest;
            else if (m_hashing == Hashing::On && block->filled > 0)
                m_hashFailed = true;
            block->hashed = true;
            releaseFinished();
        }
        m_changed.notify_all();
    }
}

void DownloadFile::releaseFinished()
{
    while (!m_blocks.empty()) {
        Block& front = *m_blocks.front();
        if (!front.complete || !front.hashed || front.written < front.filled)
            return;
        m_spare.push_back(std::move(front.data));
        m_blocks.pop_front();
    }
}

QString DownloadFile::targetTakenMessage(const QString& path)
{
    return QCoreApplication::translate("DownloadFile",
                                       "“%1” already exists. It was left as it is; save the document under another "
                                       "name.")
        .arg(QDir::toNativeSeparators(path));
}

QString DownloadFile::targetTaken()
{
    const QString message = targetTakenMessage(m_path);
    setError(message, StoreReply::Error::AlreadyExists);
    return message;
}

void DownloadFile::setError(const QString& error, StoreReply::Error code)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_error.isEmpty()) {
            m_error = error;
            m_errorCode = code;
        }
    }
    m_changed.notify_all();
}

QString DownloadFile::writeFailed(int errorNumber)
{
    const std::optional<QString> full
        = DiskFull::message(errorNumber, QDir::toNativeSeparators(m_path), DiskFull::Write::Save);
    const QString message = full.value_or(cannotWrite(m_path, systemError(errorNumber)));
    setError(message, full ? StoreReply::Error::DiskFull : StoreReply::Error::Io);
    return message;
}

QString DownloadFile::openFailed(int errorNumber)
{
    if (errorNumber == EACCES || errorNumber == EPERM || errorNumber == EROFS) {
        const QString message = cannotWrite(m_path, systemError(errorNumber));
        setError(message, StoreReply::Error::PermissionDenied);
        return message;
    }
    return writeFailed(errorNumber);
}

StoreReply::Error DownloadFile::errorCode() const
{
    std::lock_guard lock(m_mutex);
    return m_errorCode;
}

qint64 DownloadFile::flush()
{
    std::unique_lock lock(m_mutex);
    m_flushTo = m_received;
    m_changed.notify_all();
    m_changed.wait(lock, [this] { return m_written >= m_flushTo || !m_error.isEmpty(); });
    return m_written;
}

void DownloadFile::stop(bool abandon)
{
    {
        std::unique_lock lock(m_mutex);
        // The kept bytes of an unfinished block are in the first block before it can be the last.
        if (!abandon)
            m_changed.wait(lock, [this] { return m_keptReady || !m_error.isEmpty(); });
        // The last block, however full, is the last.
        if (!m_blocks.empty())
            m_blocks.back()->complete = true;
        m_flushTo = m_received;
        m_closing = true;
        if (abandon)
            m_abandoned = true;
    }
    m_changed.notify_all();
    if (m_writer.joinable())
        m_writer.join();
    for (std::thread& hasher : m_hashers)
        hasher.join();
    m_hashers.clear();
}

void DownloadFile::closeFiles()
{
    if (m_direct >= 0)
        ::close(std::exchange(m_direct, -1));
    m_file.close();
}

QString DownloadFile::finish(QString* contentHash)
{
    stop(false);
    if (!m_error.isEmpty())
        return m_error;
    QByteArray digests;
    for (const auto& [start, digest] : std::exchange(m_digests, {}))
        digests += digest;
    m_keptHasher.addBlockDigests(digests);
    // No hash matches the server's.
    *contentHash = m_hashFailed || m_hashing == Hashing::Off ? QString() : m_keptHasher.hexResult();
    return {};
}

QString DownloadFile::commit()
{
    // A file replaced keeps its permissions, as with QSaveFile.
    if (QFileInfo::exists(m_target))
        m_file.setPermissions(QFile::permissions(m_target));
    // Synced before the rename, so that a crash leaves the old file or the whole new one.
    // Where the file system allots space late, this is where a full disk shows.
    if (::fsync(m_file.handle()) != 0)
        return writeFailed(errno);
    // Renamed while still locked: another download could otherwise take the partial file in between and cut what
    // has just become the document.
    QString error;
    if (!m_replacing) {
        // A file that has come under the name since the download began is someone else's: it stays.
        const int failure = renameWithoutReplacing(m_file.fileName(), m_target);
        if (failure == EEXIST) {
            error = targetTaken();
            // Of no use to a later download, which would find the name taken too; still this one's, locked.
            QFile::remove(m_file.fileName());
        } else if (failure != 0) {
            error = cannotSave(m_path, systemError(failure));
            setError(error);
        }
    } else if (std::rename(QFile::encodeName(m_file.fileName()).constData(), QFile::encodeName(m_target).constData())
               != 0) {
        error = cannotSave(m_path, systemError());
        setError(error);
    }
    closeFiles();
    return error;
}

void DownloadFile::discard()
{
    stop(true);
    // Only while it is this download's, locked: after a failed commit the name may be another download's by now.
    if (m_file.isOpen())
        QFile::remove(m_file.fileName());
    closeFiles();
}

void DownloadFile::removeUnusedPartial(const QString& path)
{
    QFile partial(partialPath(path));
    if (!partial.open(QIODevice::ReadOnly))
        return;
    // A download under way, in this process or another, holds it locked.
    if (!isHeldElsewhere(partial.handle()))
        partial.remove();
}
