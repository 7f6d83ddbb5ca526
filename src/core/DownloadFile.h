#pragma once

#include "ContentHasher.h"
#include "ExistingFile.h"
#include "StoreReply.h"

#include <QByteArrayView>
#include <QFile>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class QIODevice;

// A download on its way to disk, in a partial file beside its target. What arrives is copied into blocks of the
// content hash (4 MiB); HashThreads threads hash whole blocks side by side while another writes them, so the network
// thread only receives. At most MaxBufferedBytes wait, so a slow disk slows the download rather than filling memory.
// Whole blocks go to the disk past the page cache where the file system allows it (Linux's O_DIRECT): on two cores,
// copying a big download into the cache cost as much as hashing it, and it evicts what the user works with.
// The partial file outlives a failure, a cancel or the process, so that a later download can open it again where
// it stopped. Nothing replaces the target until commit(), which the caller makes only when the hash is the one the
// server gave. One thread receives: open(), append(), received(), flush() and finish() are called on it.
class DownloadFile
{
public:
    static constexpr qint64 BlockSize = ContentHasher::BlockSize;
    static constexpr int MaxBlocks = 6;
    static constexpr qint64 MaxBufferedBytes = MaxBlocks * BlockSize;
    static constexpr int HashThreads = 2;

    // The partial file of a download to path: ".<name>.attache-partial" in the same folder. Beside the target,
    // so that commit() is a rename within one file system; hidden, so that file managers and the stores' lists
    // leave it alone; under a fixed name, so that the next attempt, in this process or the next, finds it. A name
    // too long for that gets its hash in its place.
    static QString partialPath(const QString& path);
    // Why a download to path that may not replace a file there stopped when it found one.
    static QString targetTakenMessage(const QString& path);

    // Off, for a copy with no server's hash to meet (the local store's): blocks are written without being hashed,
    // and finish() gives no hash.
    enum class Hashing { On, Off };

    // With ExistingFile::Keep, a file at the path is never replaced: open() refuses one that is there, and commit()
    // one that has come since.
    DownloadFile(const QString& path, ExistingFile existing, Hashing hashing = Hashing::On);
    // Writes every byte received and stops, without the hash; the partial file stays.
    ~DownloadFile();
    DownloadFile(const DownloadFile&) = delete;
    DownloadFile& operator=(const DownloadFile&) = delete;

    // Opens the partial file keeping its first `offset` bytes and dropping any beyond them (0 starts afresh).
    // The bytes kept are read back and hashed on a hashing thread; keptHashed, if given, is called on that thread
    // once they are, so that the caller can ask for the rest only then rather than wait in append(). The reason,
    // when the file cannot be opened or holds fewer bytes.
    QString open(qint64 offset = 0, std::function<void()> keptHashed = {});
    // Takes the piece; the reason the file cannot be written, once it cannot.
    QString append(QByteArrayView data);
    // Takes every byte the device has available, as append(data) would.
    QString append(QIODevice& source);
    // The bytes taken so far, the kept ones included: where the download goes on.
    qint64 received() const { return m_received; }
    // The bytes in the partial file so far, the kept ones included: what surely survives if the process dies now.
    qint64 written() const { return m_written; }
    // Waits until every byte received is in the file, then gives written().
    qint64 flush();
    // Waits for the blocks, then gives the content hash of the whole file; the write error if any.
    QString finish(QString* contentHash);
    // Syncs the partial file and renames it to the target: over it if it may be replaced and was there when the
    // download began, never over one that has come since. The reason, when that fails.
    QString commit();
    // What the failure that open(), append(), finish() or commit() reported means: DiskFull when the disk had no
    // room, PermissionDenied for a folder or a target the user may not write, AlreadyExists for a target that came
    // during the download, Io for anything else; None before any.
    StoreReply::Error errorCode() const;
    // Removes the partial file, whose content is of no use (its hash was not the server's).
    void discard();
    // Removes the partial file of a download to path that was given up, unless a download, in this process or
    // another, is writing it.
    static void removeUnusedPartial(const QString& path);

private:
    struct Block;
    struct FreeAligned
    {
        void operator()(char* data) const;
    };
    using Buffer = std::unique_ptr<char, FreeAligned>;

    QString receive(const std::function<bool()>& more, const std::function<qint64(char* to, qint64 room)>& copy);
    Block* blockWithRoom();
    void writeBlocks();
    // 0, or the errno of the write that failed.
    int writeRange(const Block& block, bool complete, qint64 from, qint64 to);
    void hashBlocks();
    void takeKept(qint64 offset, const std::function<void()>& keptHashed);
    // The first block in file order that is wanted; under the mutex.
    Block* firstBlock(const std::function<bool(const Block&)>& wanted) const;
    qint64 writeTarget(const Block& block) const;
    void releaseFinished();
    void setError(const QString& error, StoreReply::Error code = StoreReply::Error::Io);
    // Records and gives the refusal to replace a file under the target's name, there at open() or come since.
    QString targetTaken();
    // Records and gives the failure of a write of the partial file that failed with errorNumber (an errno).
    QString writeFailed(int errorNumber);
    // The same for opening it: a folder the user may not write in is refused as such.
    QString openFailed(int errorNumber);
    // Lets the threads finish; with `abandon`, the hashing threads skip the rest of their work.
    void stop(bool abandon);
    void closeFiles();

    const QString m_path;
    const ExistingFile m_existing;
    const Hashing m_hashing;
    // Where commit() puts the file: the path, or the file its symbolic link points to.
    const QString m_target;
    // Whether the target was there when the download began and may be replaced: only then does commit() replace it.
    bool m_replacing = false;
    QFile m_file;
    // The same file opened past the page cache, or -1 where the file system does not allow it.
    int m_direct = -1;
    // The blocks of the bytes kept whole, hashed by the first hashing thread before anything else.
    ContentHasher m_keptHasher;
    qint64 m_received = 0;
    std::atomic<qint64> m_written = 0;
    // Only the writing thread touches it.
    qint64 m_writtenBack = 0;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    // In file order; the last one takes what arrives until it is complete. A block leaves the front once hashed
    // and written, and its buffer is kept for the next.
    std::deque<std::unique_ptr<Block>> m_blocks;
    std::vector<Buffer> m_spare;
    int m_buffers = 0;
    qint64 m_nextBlockStart = 0;
    // The digest of every block hashed, by where it starts.
    std::map<qint64, QByteArray> m_digests;
    bool m_hashFailed = false;
    // What flush() waits to see written.
    qint64 m_flushTo = 0;
    bool m_keptReady = true;
    bool m_closing = false;
    std::atomic_bool m_abandoned = false;
    QString m_error;
    StoreReply::Error m_errorCode = StoreReply::Error::None;
    std::thread m_writer;
    std::vector<std::thread> m_hashers;
};
