#include "FileSliceDevice.h"

FileSliceDevice::FileSliceDevice(const QString& path, qint64 offset, qint64 length, QObject* parent)
    : QIODevice(parent)
    , m_file(path)
    , m_offset(offset)
    , m_length(length)
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
    if (position < 0 || position > m_length || !m_file.seek(m_offset + position))
        return false;
    return QIODevice::seek(position);
}

qint64 FileSliceDevice::readData(char* data, qint64 maxSize)
{
    const qint64 left = m_length - pos();
    if (left <= 0)
        return -1;
    return m_file.read(data, std::min(maxSize, left));
}
