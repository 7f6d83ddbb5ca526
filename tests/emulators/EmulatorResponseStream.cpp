#include "EmulatorResponseStream.h"

#include <QBuffer>
#include <QFile>
#include <QTcpSocket>

namespace {

constexpr qint64 ChunkSize = 256 * 1024;
// Refill only below this much unsent data, so memory stays bounded whatever the client's speed.
constexpr qint64 HighWater = 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 204:
        return QByteArrayLiteral("No Content");
    case 206:
        return QByteArrayLiteral("Partial Content");
    case 302:
        return QByteArrayLiteral("Found");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 416:
        return QByteArrayLiteral("Range Not Satisfiable");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Status");
    }
}

} // namespace

void EmulatorResponseStream::send(QTcpSocket* socket, const EmulatorResponse& response, qint64 bodyLimit,
                                  AtLimit atLimit)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    std::unique_ptr<QIODevice> body;
    if (response.bodyFile().isEmpty()) {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(response.body());
        body = std::move(buffer);
    } else {
        body = std::make_unique<QFile>(response.bodyFile());
    }
    const qint64 length = response.bodyLength();
    if (!body->open(QIODevice::ReadOnly) || !body->seek(response.bodyOffset())) {
        EmulatorResponseStream::send(socket, EmulatorResponse::text(500, QStringLiteral("Cannot read the body")));
        return;
    }

    QByteArray head = QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(response.status()) + ' '
        + reasonPhrase(response.status()) + "\r\n";
    for (const auto& [name, value] : response.headers())
        head += name + ": " + value + "\r\n";
    // The full length even when the body will be cut short: that is what makes the cut visible.
    head += "Content-Length: " + QByteArray::number(length) + "\r\n\r\n";
    socket->write(head);

    // A cut never delivers the whole body, or the client could not tell it from a complete answer.
    const bool cut = bodyLimit >= 0;
    const qint64 toSend = cut ? qMin(bodyLimit, qMax<qint64>(0, length - 1)) : length;
    auto* stream = new EmulatorResponseStream(socket, std::move(body), toSend, cut && atLimit == AtLimit::Close);
    stream->pump();
}

EmulatorResponseStream::EmulatorResponseStream(QTcpSocket* socket, std::unique_ptr<QIODevice> body, qint64 bytesToSend,
                                               bool closeAtEnd)
    : QObject(socket)
    , m_socket(socket)
    , m_body(std::move(body))
    , m_remaining(bytesToSend)
    , m_closeAtEnd(closeAtEnd)
{
    connect(socket, &QTcpSocket::bytesWritten, this, &EmulatorResponseStream::pump);
}

void EmulatorResponseStream::pump()
{
    while (m_remaining > 0 && m_socket->bytesToWrite() < HighWater) {
        const QByteArray chunk = m_body->read(qMin(ChunkSize, m_remaining));
        if (chunk.isEmpty()) {
            // The file shrank under us: nothing sensible can follow the promised length.
            m_socket->abort();
            return;
        }
        m_socket->write(chunk);
        m_remaining -= chunk.size();
    }
    if (m_remaining > 0)
        return;
    if (m_closeAtEnd) {
        // Let what was promised reach the client before the connection goes, and close it gracefully:
        // an abort sends a reset that can overtake the bytes, and the client would then retry silently.
        if (m_socket->bytesToWrite() > 0)
            return;
        m_socket->disconnectFromHost();
    }
    disconnect(m_socket, nullptr, this, nullptr);
    deleteLater();
}
