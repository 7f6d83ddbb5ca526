#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

struct evp_md_ctx_st;

// Dropbox's content_hash: SHA-256 of each 4 MiB block, then SHA-256 of the concatenated block digests,
// in lowercase hex. Every store records it, so a file can be compared across stores. OpenSSL does the
// SHA-256: it uses the CPU's SHA instructions, about ten times the speed of QCryptographicHash.
class ContentHasher
{
public:
    static constexpr qint64 BlockSize = 4 * 1024 * 1024;
    static constexpr qsizetype DigestSize = 32;

    ContentHasher();
    ~ContentHasher();
    ContentHasher(ContentHasher&&) noexcept;
    ContentHasher& operator=(ContentHasher&&) noexcept;

    void addData(QByteArrayView data);
    // Takes the digests of whole blocks hashed elsewhere (a chunk's blockDigests()), as if their bytes had
    // been added; only at a block boundary, so a chunk of whole blocks can be hashed once for both.
    void addBlockDigests(QByteArrayView digests);
    // The digests of every block so far, the last one possibly short; ends that block.
    QByteArray blockDigests();
    // Empty when OpenSSL failed, which no content hash matches.
    QString hexResult();
    // Adds the first `length` bytes of the file (all of it when negative), read from disk; false when they
    // cannot be read or when cancelled.
    bool addFile(const QString& path, qint64 length = -1, const std::function<bool()>& isCancelled = {});

    // Streams the file from disk; an empty string when it cannot be read or when cancelled.
    static QString hashFile(const QString& path, const std::function<bool()>& isCancelled = {});

private:
    void endBlock();

    std::unique_ptr<evp_md_ctx_st, void (*)(evp_md_ctx_st*)> m_block;
    QByteArray m_digests;
    qint64 m_blockFill = 0;
    bool m_failed = false;
};
