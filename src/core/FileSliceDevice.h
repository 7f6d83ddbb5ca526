#pragma once

#include <QFile>
#include <QIODevice>

// A read-only window onto part of a file, so that a chunk of a large upload is sent straight from disk; with
// bytes before and after it, it is a whole multipart form whose file part comes from disk.
class FileSliceDevice : public QIODevice
{
    Q_OBJECT

public:
    FileSliceDevice(const QString& path, qint64 offset, qint64 length, const QByteArray& before = {},
                    const QByteArray& after = {}, QObject* parent = nullptr);

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_before.size() + m_length + m_after.size(); }
    bool seek(qint64 position) override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QFile m_file;
    const qint64 m_offset;
    const qint64 m_length;
    const QByteArray m_before;
    const QByteArray m_after;
};
