#pragma once

// Small helpers shared by the core tests: files on disk and waiting for store replies.

#include "DownloadFile.h"
#include "StoreReply.h"
#include "TransferQueue.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace CoreTest {

// The fields of KashFlow's file record, as its files API documents them.
inline QSet<QString> kashFlowKeys()
{
    return { QStringLiteral("Icon"),
             QStringLiteral("Name"),
             QStringLiteral("LastModifiedDate"),
             QStringLiteral("SizeInBytes"),
             QStringLiteral("SizeToBeDisplayed"),
             QStringLiteral("IsThumbnailAvailable"),
             QStringLiteral("FileUri"),
             QStringLiteral("ThumbnailUri") };
}

inline bool writeFile(const QString& path, const QByteArray& data, const QDateTime& modified = {})
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
        return false;
    if (modified.isValid() && !file.setFileTime(modified, QFileDevice::FileModificationTime))
        return false;
    return true;
}

inline QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Deterministic, non-repeating content, so that a shifted or truncated copy never compares equal.
inline QByteArray patternData(qint64 size)
{
    QByteArray data(size, Qt::Uninitialized);
    quint32 x = 2463534242u;
    for (qint64 i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = static_cast<char>(x & 0xff);
    }
    return data;
}

// A file of `mebibytes` MiB, each MiB numbered in its first bytes, so that a mix-up of chunks changes the hash.
inline bool writeNumberedFile(const QString& path, int mebibytes)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    const QByteArray piece = patternData(1024 * 1024);
    for (int i = 0; i < mebibytes; ++i) {
        QByteArray numbered = piece;
        numbered.replace(0, 4, QByteArray::number(1000 + i));
        if (out.write(numbered) != numbered.size())
            return false;
    }
    return true;
}

// Takes ownership of the reply and waits for its finished() signal.
inline std::unique_ptr<StoreReply> await(StoreReply* reply, int timeout = 60000)
{
    std::unique_ptr<StoreReply> owned(reply);
    if (!reply->isFinished()) {
        QSignalSpy spy(reply, &StoreReply::finished);
        spy.wait(timeout);
    }
    return owned;
}

// A file that claims far more than any test disk has free while taking no room: 64 TiB where the file system
// allows it (ext4 stops at 16 TiB). False when none of the sizes could be set.
inline bool writeSparseFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    constexpr qint64 tebibyte = qint64(1) << 40;
    for (qint64 size : { 64 * tebibyte, 15 * tebibyte, 1 * tebibyte }) {
        if (file.resize(size))
            return true;
    }
    return false;
}

// A Unix socket at path: a file that is there, but that no one can open, root included.
inline bool bindUnixSocket(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    sockaddr_un address {};
    if (native.size() >= qsizetype(sizeof(address.sun_path)))
        return false;
    address.sun_family = AF_UNIX;
    std::copy(native.cbegin(), native.cend(), address.sun_path);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    const bool bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    ::close(fd);
    return bound;
}

// Every entry of a folder, hidden ones included: to prove that nothing (not even a temporary) was left.
inline QStringList allEntries(const QString& path)
{
    return QDir(path).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

// Downloads the attachment into the empty folder through a queue, cancels once its partial file is there, and gives
// what the folder holds as soon as the transfer is settled as cancelled (in parentheses, what went wrong instead).
inline QStringList leftByCancelledDownload(Store& store, const AttachmentRef& attachment, const QString& folder)
{
    const QString target = QDir(folder).filePath(attachment.name);
    TransferQueue queue(&store);
    QSignalSpy finished(&queue, &TransferQueue::transferFinished);
    const int id = queue.enqueueDownload(attachment, target);
    if (!QTest::qWaitFor([&] { return QFileInfo::exists(DownloadFile::partialPath(target)); }, 30000))
        return { QStringLiteral("(no partial file)") };
    queue.cancel(id);
    if (!finished.wait(30000) || queue.transfer(id).state != Transfer::State::Cancelled)
        return { QStringLiteral("(not cancelled)") };
    return allEntries(folder);
}

inline QStringList visibleFiles(const QString& path)
{
    return QDir(path).entryList(QDir::Files, QDir::Name);
}

// A disk that takes no more, as the process's file size limit: a write past it fails with EFBIG instead of the
// process being killed. Everything is as before once this goes.
class FileSizeLimit
{
    Q_DISABLE_COPY_MOVE(FileSizeLimit)

public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        if (::getrlimit(RLIMIT_FSIZE, &m_saved) != 0)
            return;
        m_previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = m_saved;
        limited.rlim_cur = bytes;
        m_active = ::setrlimit(RLIMIT_FSIZE, &limited) == 0;
    }
    ~FileSizeLimit() { lift(); }
    bool isActive() const { return m_active; }
    void lift()
    {
        if (m_previousHandler == SIG_ERR)
            return;
        ::setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_previousHandler);
        m_previousHandler = SIG_ERR;
        m_active = false;
    }

private:
    rlimit m_saved {};
    void (*m_previousHandler)(int) = SIG_ERR;
    bool m_active = false;
};

// A FIFO lets a test hold a transfer in the middle deterministically: the store reads what the test writes,
// and the transfer can only end when the test closes its end. Opened read-write so that opening never blocks.
class Fifo
{
public:
    explicit Fifo(const QString& path)
        : m_path(path)
    {
        const QByteArray native = QFile::encodeName(path);
        if (::mkfifo(native.constData(), 0600) == 0)
            m_fd = ::open(native.constData(), O_RDWR | O_NONBLOCK);
    }
    ~Fifo() { close(); }
    bool isValid() const { return m_fd >= 0; }
    // Writes everything, waiting (with a bound) for the reader to make room.
    bool write(const QByteArray& data, int timeoutMs = 30000)
    {
        qsizetype done = 0;
        while (done < data.size()) {
            const ssize_t n = ::write(m_fd, data.constData() + done, static_cast<size_t>(data.size() - done));
            if (n > 0) {
                done += n;
                continue;
            }
            if (n < 0 && errno != EAGAIN)
                return false;
            pollfd pfd { m_fd, POLLOUT, 0 };
            if (::poll(&pfd, 1, timeoutMs) <= 0)
                return false;
        }
        return true;
    }
    // The reader sees the end of the data once this, the only writer, closes.
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    QString m_path;
    int m_fd = -1;
};

// Runs the test function of `test` again in a child process, which `program` starts with `arguments` and the function's
// name last, and which gets `environment` besides this process's; the reason when it does not pass.
inline QString passesInChild(const QObject& test, const char* function, const QString& program,
                             const QStringList& arguments, const QMap<QString, QString>& environment)
{
    QProcess child;
    QProcessEnvironment childEnvironment = QProcessEnvironment::systemEnvironment();
    for (auto it = environment.begin(); it != environment.end(); ++it)
        childEnvironment.insert(it.key(), it.value());
    child.setProcessEnvironment(childEnvironment);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(program, arguments + QStringList { QString::fromLatin1(function) });
    if (!child.waitForFinished(120000))
        return child.errorString();
    const QString output = QString::fromLocal8Bit(child.readAll());
    const QString passed = QStringLiteral("PASS   : %1::%2()")
                               .arg(QLatin1StringView(test.metaObject()->className()), QLatin1StringView(function));
    if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0 || !output.contains(passed))
        return output;
    return {};
}

} // namespace CoreTest
