#include "FileSliceDevice.h"

#include <algorithm>
#include <cstring>

FileSliceDevice::FileSliceDevice(const QString& path, qint64 offset, qint64 length, const QByteArray& before,
                                 const QByteArray& after, QObject* parent)
    : QIODevice(parent)
    , m_file(path)
    , m_offset(offset)
    , m_length(length)
    , m_before(before)
    , m_after(after)
{ }

bool FileSliceDevice::open(OpenMode mode)
{
    if (mode != ReadOnly || !m_file.open(QIODevice::ReadOnly)) {
        setErrorString(m_file.errorString());
        return false;
    }
    // A file that shrank since the slice was planned cannot fill it: fail now, not halfway through sending.
    if (m_file.size() < m_offset + m_length || !m_file.seek(m_offset)) {
        setErrorString(tr("The file changed while it was being sent."));
        m_file.close();
        return false;
    }
    return QIODevice::open(mode);
}

void FileSliceDevice::close()
{
    m_file.close();
    QIODevice::close();
}

bool FileSliceDevice::seek(qint64 position)
{
    // The file stays where its part of the slice resumes.
    const qint64 inFile = std::clamp<qint64>(position - m_before.size(), 0, m_length);
    if (position < 0 || position > size() || !m_file.seek(m_offset + inFile))
        return false;
    return QIODevice::seek(position);
}

qint64 FileSliceDevice::readData(char* data, qint64 maxSize)
{
    qint64 position = pos();
    if (position < m_before.size()) {
        const qint64 count = std::min(maxSize, m_before.size() - position);
        memcpy(data, m_before.constData() + position, size_t(count));
        return count;
    }
    position -= m_before.size();
    if (position < m_length)
        return m_file.read(data, std::min(maxSize, m_length - position));
    position -= m_length;
    if (position < m_after.size()) {
        const qint64 count = std::min(maxSize, m_after.size() - position);
        memcpy(data, m_after.constData() + position, size_t(count));
        return count;
    }
    return -1;
}
