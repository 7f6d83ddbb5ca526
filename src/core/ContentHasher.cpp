#include "ContentHasher.h"

#include <QFile>

void ContentHasher::addData(QByteArrayView data)
{
    while (!data.isEmpty()) {
        const qint64 take = qMin<qint64>(BlockSize - m_blockFill, data.size());
        m_block.addData(data.first(take));
        m_blockFill += take;
        data = data.sliced(take);
        if (m_blockFill == BlockSize) {
            m_overall.addData(m_block.result());
            m_block.reset();
            m_blockFill = 0;
        }
    }
}

QString ContentHasher::hexResult()
{
    if (m_blockFill > 0) {
        m_overall.addData(m_block.result());
        m_block.reset();
        m_blockFill = 0;
    }
    return QString::fromLatin1(m_overall.result().toHex());
}

QString ContentHasher::hashFile(const QString& path, const std::atomic_bool* cancelled)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    ContentHasher hasher;
    QByteArray buffer(1024 * 1024, Qt::Uninitialized);
    while (true) {
        if (cancelled && cancelled->load())
            return {};
        const qint64 read = file.read(buffer.data(), buffer.size());
        if (read < 0)
            return {};
        if (read == 0)
            break;
        hasher.addData(QByteArrayView(buffer.constData(), read));
    }
    return hasher.hexResult();
}
