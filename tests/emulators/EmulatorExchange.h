#pragma once

#include "EmulatorRequest.h"
#include "EmulatorResponse.h"
#include "FaultInjector.h"

#include <QPointer>
#include <QTcpSocket>

#include <memory>
#include <optional>

// One request and the connection waiting for its answer. A handler answers at once or keeps the (shared) exchange
// and answers later; an answer to a client that has gone goes nowhere. A delivery fault (slow, dropped connection)
// is applied to whatever answer is given.
class EmulatorExchange
{
public:
    EmulatorExchange(QTcpSocket* socket, const EmulatorRequest& request,
                     std::optional<FaultInjector::Fault> deliveryFault);

    const EmulatorRequest& request() const { return m_request; }
    // Only the first answer counts.
    void respond(const EmulatorResponse& response);

private:
    QPointer<QTcpSocket> m_socket;
    EmulatorRequest m_request;
    std::optional<FaultInjector::Fault> m_deliveryFault;
    bool m_responded = false;
};

using EmulatorExchangePtr = std::shared_ptr<EmulatorExchange>;
