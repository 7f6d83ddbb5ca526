#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>
#include <QString>

#include <atomic>

// Dropbox's content_hash: SHA-256 of each 4 MiB block, then SHA-256 of the concatenated block digests,
// in lowercase hex. Every store records it, so a file can be compared across stores.
class ContentHasher
{
public:
    static constexpr qint64 BlockSize = 4 * 1024 * 1024;

    void addData(QByteArrayView data);
    QString hexResult();

    // Streams the file from disk; an empty string when it cannot be read or when cancelled.
    static QString hashFile(const QString& path, const std::atomic_bool* cancelled = nullptr);

private:
    QCryptographicHash m_block { QCryptographicHash::Sha256 };
    QCryptographicHash m_overall { QCryptographicHash::Sha256 };
    qint64 m_blockFill = 0;
};
