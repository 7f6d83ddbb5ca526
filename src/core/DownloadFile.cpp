#include "DownloadFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

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
    return info.path() + QStringLiteral("/.") + info.fileName() + QStringLiteral(".attache-partial");
}
} // namespace

QString DownloadFile::partialPath(const QString& path)
{
    return partialPathBeside(finalPath(path));
}

DownloadFile::DownloadFile(const QString& path)
    : m_path(path)
    , m_target(finalPath(path))
    , m_file(partialPathBeside(m_target))
{ }

DownloadFile::~DownloadFile()
{
    stop(true);
}

QString DownloadFile::open(qint64 offset, std::function<void()> keptHashed)
{
    // Read-write, which creates the file but does not empty it; a partial file to carry on must be there.
    const QIODevice::OpenMode mode
        = QIODevice::ReadWrite | QIODevice::Unbuffered | (offset > 0 ? QIODevice::ExistingOnly : QIODevice::NotOpen);
    if (!m_file.open(mode))
        return cannotWrite(m_path, m_file.errorString());
    if (m_file.size() < offset)
        return QCoreApplication::translate("DownloadFile", "The part of “%1” downloaded before is incomplete.")
            .arg(QDir::toNativeSeparators(m_path));
    if (!m_file.resize(offset) || !m_file.seek(offset))
        return cannotWrite(m_path, m_file.errorString());
    m_written = offset;
    m_writtenBack = offset;
    m_writing.thread
        = std::thread([this] { run(m_writing, [this](const QByteArray& piece) { return write(piece); }); });
    m_hashing.thread = std::thread([this, offset, path = m_file.fileName(), keptHashed] {
        // The pieces that follow wait in the queue meanwhile, and are written all the same.
        if (const QString error = hashKept(path, offset); !error.isEmpty())
            setError(error);
        if (keptHashed && !m_abandoned)
            keptHashed();
        run(m_hashing, [this](const QByteArray& piece) {
            if (!m_abandoned)
                m_hasher.addData(piece);
            return QString();
        });
    });
    return {};
}

QString DownloadFile::hashKept(const QString& path, qint64 length)
{
    // Another handle: the writing thread goes on at the end of the file meanwhile.
    if (length == 0 || m_hasher.addFile(path, length, &m_abandoned) || m_abandoned)
        return {};
    return QCoreApplication::translate("DownloadFile", "Could not read the part of “%1” downloaded before.")
        .arg(QDir::toNativeSeparators(m_path));
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
        {
            std::lock_guard lock(m_mutex);
            stage.queuedBytes -= piece.size();
        }
        if (!error.isEmpty())
            setError(error);
        m_changed.notify_all();
    }
}

void DownloadFile::setError(const QString& error)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_error.isEmpty())
            m_error = error;
    }
    m_changed.notify_all();
}

QString DownloadFile::write(const QByteArray& piece)
{
    // After a failed write the rest is skipped: nothing may land after a gap.
    if (m_writeFailed)
        return {};
    if (m_file.write(piece) != piece.size()) {
        m_writeFailed = true;
        return cannotWrite(m_path, m_file.errorString());
    }
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

qint64 DownloadFile::flush()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_writing.queuedBytes == 0; });
    return m_written;
}

void DownloadFile::stop(bool abandon)
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        if (abandon)
            m_abandoned = true;
    }
    m_changed.notify_all();
    for (Stage* stage : { &m_writing, &m_hashing }) {
        if (stage->thread.joinable())
            stage->thread.join();
    }
}

QString DownloadFile::finish(QString* contentHash)
{
    stop(false);
    if (!m_error.isEmpty())
        return m_error;
    *contentHash = m_hasher.hexResult();
    return {};
}

QString DownloadFile::commit()
{
    // A file replaced keeps its permissions, as with QSaveFile.
    if (QFileInfo::exists(m_target))
        m_file.setPermissions(QFile::permissions(m_target));
    // Flushed and synced before the rename, so that a crash leaves the old file or the whole new one.
    if (!m_file.flush() || ::fsync(m_file.handle()) != 0)
        return cannotSave(m_path, QString::fromLocal8Bit(std::strerror(errno)));
    m_file.close();
    if (std::rename(QFile::encodeName(m_file.fileName()).constData(), QFile::encodeName(m_target).constData()) != 0)
        return cannotSave(m_path, QString::fromLocal8Bit(std::strerror(errno)));
    return {};
}

void DownloadFile::discard()
{
    stop(true);
    m_file.close();
    QFile::remove(m_file.fileName());
}
