#include "ContentHasher.h"

#include <QFile>

#include <algorithm>
#include <limits>

#include <openssl/evp.h>

namespace {
void freeContext(evp_md_ctx_st* context)
{
    EVP_MD_CTX_free(context);
}
} // namespace

ContentHasher::ContentHasher()
    : m_block(EVP_MD_CTX_new(), &freeContext)
{
    m_failed = !m_block;
}

ContentHasher::~ContentHasher() = default;
ContentHasher::ContentHasher(ContentHasher&&) noexcept = default;
ContentHasher& ContentHasher::operator=(ContentHasher&&) noexcept = default;

void ContentHasher::addData(QByteArrayView data)
{
    while (!data.isEmpty() && !m_failed) {
        if (m_blockFill == 0)
            m_failed = EVP_DigestInit_ex(m_block.get(), EVP_sha256(), nullptr) != 1;
        const qint64 take = qMin<qint64>(BlockSize - m_blockFill, data.size());
        m_failed = m_failed || EVP_DigestUpdate(m_block.get(), data.data(), size_t(take)) != 1;
        m_blockFill += take;
        data = data.sliced(take);
        if (m_blockFill == BlockSize)
            endBlock();
    }
}

void ContentHasher::endBlock()
{
    if (m_blockFill == 0 || m_failed)
        return;
    unsigned char digest[DigestSize];
    unsigned int length = 0;
    m_failed = EVP_DigestFinal_ex(m_block.get(), digest, &length) != 1 || length != DigestSize;
    m_digests.append(reinterpret_cast<const char*>(digest), DigestSize);
    m_blockFill = 0;
}

void ContentHasher::addBlockDigests(QByteArrayView digests)
{
    Q_ASSERT(m_blockFill == 0 && digests.size() % DigestSize == 0);
    m_digests.append(digests);
}

QByteArray ContentHasher::blockDigests()
{
    endBlock();
    return m_digests;
}

QString ContentHasher::hexResult()
{
    endBlock();
    unsigned char digest[DigestSize];
    unsigned int length = 0;
    if (m_failed
        || EVP_Digest(m_digests.constData(), size_t(m_digests.size()), digest, &length, EVP_sha256(), nullptr) != 1
        || length != DigestSize)
        return {};
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(digest), DigestSize).toHex());
}

bool ContentHasher::addFile(const QString& path, qint64 length, const std::function<bool()>& isCancelled)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QByteArray buffer(1024 * 1024, Qt::Uninitialized);
    qint64 left = length < 0 ? std::numeric_limits<qint64>::max() : length;
    while (left > 0) {
        if (isCancelled && isCancelled())
            return false;
        const qint64 read = file.read(buffer.data(), std::min<qint64>(buffer.size(), left));
        if (read < 0)
            return false;
        if (read == 0)
            return length < 0;
        addData(QByteArrayView(buffer.constData(), read));
        left -= read;
    }
    return true;
}

QString ContentHasher::hashFile(const QString& path, const std::function<bool()>& isCancelled)
{
    ContentHasher hasher;
    return hasher.addFile(path, -1, isCancelled) ? hasher.hexResult() : QString();
}
