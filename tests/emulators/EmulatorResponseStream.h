#pragma once

#include "EmulatorResponse.h"

#include <QObject>

#include <memory>

class QIODevice;
class QTcpSocket;

// Writes one response to a socket: the head at once, the body in chunks as the socket drains, so that a 1 GiB
// download never sits in memory. With a body limit it stops after that many bytes and closes the connection,
// which the client sees as a connection lost in the middle of the body, or holds it open, sending nothing more,
// as a network gone quiet.
class EmulatorResponseStream : public QObject
{
    Q_OBJECT

public:
    enum class AtLimit { Close, Hold };

    // The stream belongs to the socket and ends with it; nothing is sent once the client has gone.
    static void send(QTcpSocket* socket, const EmulatorResponse& response, qint64 bodyLimit = -1,
                     AtLimit atLimit = AtLimit::Close);

private:
    EmulatorResponseStream(QTcpSocket* socket, std::unique_ptr<QIODevice> body, qint64 bytesToSend, bool closeAtEnd);
    void pump();

    QTcpSocket* m_socket;
    std::unique_ptr<QIODevice> m_body;
    qint64 m_remaining;
    bool m_closeAtEnd;
};
