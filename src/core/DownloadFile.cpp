#include "DownloadFile.h"

#include <QCoreApplication>
#include <QDir>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#endif

namespace {
// How much is written before the kernel is asked to start writing it back.
constexpr qint64 WriteBackStep = 32 * 1024 * 1024;

QString cannotWrite(const QString& path, const QString& reason)
{
    return QCoreApplication::translate("DownloadFile", "Could not write “%1”: %2")
        .arg(QDir::toNativeSeparators(path), reason);
}
} // namespace

DownloadFile::DownloadFile(const QString& path)
    : m_path(path)
    , m_file(path)
{ }

DownloadFile::~DownloadFile()
{
    stop();
}

QString DownloadFile::open()
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return cannotWrite(m_path, m_file.errorString());
    m_writing.thread
        = std::thread([this] { run(m_writing, [this](const QByteArray& piece) { return write(piece); }); });
    m_hashing.thread = std::thread([this] {
        run(m_hashing, [this](const QByteArray& piece) {
            m_hasher.addData(piece);
            return QString();
        });
    });
    return {};
}

QString DownloadFile::append(const QByteArray& data)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] {
        return (m_writing.queuedBytes < MaxQueuedBytes && m_hashing.queuedBytes < MaxQueuedBytes) || !m_error.isEmpty();
    });
    if (!m_error.isEmpty())
        return m_error;
    // Both queues share the piece's bytes.
    for (Stage* stage : { &m_writing, &m_hashing }) {
        stage->queue.push_back(data);
        stage->queuedBytes += data.size();
    }
    m_changed.notify_all();
    return {};
}

void DownloadFile::run(Stage& stage, const std::function<QString(const QByteArray&)>& work)
{
    while (true) {
        QByteArray piece;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this, &stage] { return !stage.queue.empty() || m_closing; });
            if (stage.queue.empty())
                return;
            piece = std::move(stage.queue.front());
            stage.queue.pop_front();
        }
        const QString error = work(piece);
        std::lock_guard lock(m_mutex);
        stage.queuedBytes -= piece.size();
        if (!error.isEmpty() && m_error.isEmpty())
            m_error = error;
        m_changed.notify_all();
    }
}

QString DownloadFile::write(const QByteArray& piece)
{
    // After a failed write (only this thread sets the error), the rest is skipped.
    if (!m_error.isEmpty())
        return {};
    if (m_file.write(piece) != piece.size())
        return cannotWrite(m_path, m_file.errorString());
    m_written += piece.size();
#ifdef Q_OS_LINUX
    // Starts writing back what has arrived, so that the sync in commit() does not wait for all of it.
    if (m_written - m_writtenBack >= WriteBackStep) {
        ::sync_file_range(m_file.handle(), m_writtenBack, m_written - m_writtenBack, SYNC_FILE_RANGE_WRITE);
        m_writtenBack = m_written;
    }
#endif
    return {};
}

void DownloadFile::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    for (Stage* stage : { &m_writing, &m_hashing }) {
        if (stage->thread.joinable())
            stage->thread.join();
    }
}

QString DownloadFile::finish(QString* contentHash)
{
    stop();
    if (!m_error.isEmpty())
        return m_error;
    *contentHash = m_hasher.hexResult();
    return {};
}

QString DownloadFile::commit()
{
    if (!m_file.commit())
        return QCoreApplication::translate("DownloadFile", "Could not save “%1”: %2")
            .arg(QDir::toNativeSeparators(m_path), m_file.errorString());
    return {};
}
