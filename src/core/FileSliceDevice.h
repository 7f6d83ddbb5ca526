#pragma once

#include <QFile>
#include <QIODevice>

// A read-only window onto part of a file, so that a chunk of a large upload is sent straight from disk.
class FileSliceDevice : public QIODevice
{
    Q_OBJECT

public:
    FileSliceDevice(const QString& path, qint64 offset, qint64 length, QObject* parent = nullptr);

    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 position) override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QFile m_file;
    const qint64 m_offset;
    const qint64 m_length;
};
