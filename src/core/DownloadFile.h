#pragma once

#include "ContentHasher.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

// A download on its way to disk, in a partial file beside its target. The pieces are written on one thread of
// the file's own and hashed (the content hash) on another, so the network thread only receives and the two run
// side by side; at most MaxQueuedBytes wait for either, so a slow disk slows the download rather than filling
// memory. The partial file outlives a failure, a cancel or the process, so that a later download can open it
// again where it stopped. Nothing replaces the target until commit(), which the caller makes only when the hash
// is the one the server gave.
class DownloadFile
{
public:
    static constexpr qint64 MaxQueuedBytes = 8 * 1024 * 1024;

    // The partial file of a download to path: ".<name>.attache-partial" in the same folder. Beside the target,
    // so that commit() is a rename within one file system; hidden, so that file managers and the stores' lists
    // leave it alone; under a fixed name, so that the next attempt, in this process or the next, finds it.
    static QString partialPath(const QString& path);

    explicit DownloadFile(const QString& path);
    // Writes what is queued and stops, without the hash; the partial file stays.
    ~DownloadFile();
    DownloadFile(const DownloadFile&) = delete;
    DownloadFile& operator=(const DownloadFile&) = delete;

    // Opens the partial file keeping its first `offset` bytes and dropping any beyond them (0 starts afresh).
    // The bytes kept are read back and hashed on the hashing thread before the pieces that follow them, so the
    // hash covers the whole file; keptHashed, if given, is called on that thread once they are, so that the
    // caller can ask for the rest only then rather than wait in append(). The reason, when the file cannot be
    // opened or holds fewer bytes.
    QString open(qint64 offset = 0, std::function<void()> keptHashed = {});
    // Queues the piece; the reason the file cannot be written, once it cannot.
    QString append(const QByteArray& data);
    // The bytes in the partial file so far, the kept ones included: what survives if the process dies now.
    qint64 written() const { return m_written; }
    // Waits until every queued piece is in the file, then gives written().
    qint64 flush();
    // Waits for the queued pieces, then gives the content hash of the whole file; the write error if any.
    QString finish(QString* contentHash);
    // Syncs the partial file and renames it over the target; the reason, when that fails.
    QString commit();
    // Removes the partial file, whose content is of no use (its hash was not the server's).
    void discard();

private:
    // One of the two threads' work: takes pieces off its queue until finish().
    struct Stage
    {
        std::deque<QByteArray> queue;
        qint64 queuedBytes = 0;
        std::thread thread;
    };

    void run(Stage& stage, const std::function<QString(const QByteArray&)>& work);
    QString write(const QByteArray& piece);
    QString hashKept(const QString& path, qint64 length);
    void setError(const QString& error);
    // Lets both threads finish their queues; with `abandon`, the hashing thread skips the rest of its work.
    void stop(bool abandon);

    const QString m_path;
    // What commit() replaces: the path, or the file its symbolic link points to.
    const QString m_target;
    QFile m_file;
    ContentHasher m_hasher;
    std::atomic<qint64> m_written = 0;
    qint64 m_writtenBack = 0;
    // Only the writing thread touches it.
    bool m_writeFailed = false;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    Stage m_writing;
    Stage m_hashing;
    bool m_closing = false;
    std::atomic_bool m_abandoned = false;
    QString m_error;
};
