#pragma once

#include "ContentHasher.h"

#include <QByteArray>
#include <QSaveFile>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

// A download on its way to disk, beside its target. The pieces are written on one thread of the file's
// own and hashed (the content hash) on another, so the network thread only receives and the two run side
// by side; at most MaxQueuedBytes wait for either, so a slow disk slows the download rather than filling
// memory. Nothing replaces the target until commit(),
// which the caller makes only when the hash is the one the server gave.
class DownloadFile
{
public:
    static constexpr qint64 MaxQueuedBytes = 8 * 1024 * 1024;

    explicit DownloadFile(const QString& path);
    // Discards the file unless it was committed.
    ~DownloadFile();
    DownloadFile(const DownloadFile&) = delete;
    DownloadFile& operator=(const DownloadFile&) = delete;

    // The reason, when the temporary file cannot be made.
    QString open();
    // Queues the piece; the reason the file cannot be written, once it cannot.
    QString append(const QByteArray& data);
    // Waits for the queued pieces, then gives the content hash of all of them; the write error if any.
    QString finish(QString* contentHash);
    // Syncs the file and renames it over the target; the reason, when that fails.
    QString commit();

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
    void stop();

    const QString m_path;
    QSaveFile m_file;
    ContentHasher m_hasher;
    qint64 m_written = 0;
    qint64 m_writtenBack = 0;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    Stage m_writing;
    Stage m_hashing;
    bool m_closing = false;
    QString m_error;
};
