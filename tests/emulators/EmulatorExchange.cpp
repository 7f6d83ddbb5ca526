#include "EmulatorExchange.h"

#include "EmulatorResponseStream.h"

#include <QTimer>

EmulatorExchange::EmulatorExchange(QTcpSocket* socket, const EmulatorRequest& request,
                                   std::optional<FaultInjector::Fault> deliveryFault)
    : m_socket(socket)
    , m_request(request)
    , m_deliveryFault(deliveryFault)
{ }

void EmulatorExchange::respond(const EmulatorResponse& response)
{
    if (m_responded)
        return;
    m_responded = true;
    if (!m_socket)
        return;
    if (!m_deliveryFault) {
        EmulatorResponseStream::send(m_socket, response);
    } else if (m_deliveryFault->kind == FaultInjector::Kind::DropConnection) {
        EmulatorResponseStream::send(m_socket, response, m_deliveryFault->afterBytes);
    } else if (m_deliveryFault->kind == FaultInjector::Kind::Stall) {
        EmulatorResponseStream::send(m_socket, response, m_deliveryFault->afterBytes,
                                     EmulatorResponseStream::AtLimit::Hold);
    } else {
        // A timer, never a sleep: the emulator keeps serving everyone else meanwhile. The socket as context
        // cancels the answer if the client gives up first.
        QTcpSocket* socket = m_socket;
        QTimer::singleShot(m_deliveryFault->delayMs, socket,
                           [socket, response] { EmulatorResponseStream::send(socket, response); });
    }
}
