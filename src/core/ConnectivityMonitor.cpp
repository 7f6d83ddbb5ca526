#include "ConnectivityMonitor.h"

#include <QNetworkInformation>

ConnectivityMonitor::ConnectivityMonitor(QObject* parent)
    : QObject(parent)
{
    m_probePolicy.baseDelayMs = 2000;
    m_probePolicy.maxDelayMs = 60 * 1000;
    m_probeTimer.setSingleShot(true);
    // One probe at a time: the next is scheduled when a result says the store is still out of reach.
    connect(&m_probeTimer, &QTimer::timeout, this, [this] {
        ++m_probes;
        emit probeDue();
    });

    // Without a backend (no NetworkManager, say) the failures alone tell.
    if (QNetworkInformation::loadDefaultBackend() && QNetworkInformation::instance()) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability == QNetworkInformation::Reachability::Disconnected) {
                        setOnline(false);
                    } else if (!m_online && reachability != QNetworkInformation::Reachability::Unknown) {
                        // A network is back, but only a request shows that the store can be reached.
                        m_probeTimer.stop();
                        emit probeDue();
                    }
                });
    }
}

void ConnectivityMonitor::report(StoreReply::Error error)
{
    if (error == StoreReply::Error::Cancelled)
        return;
    const bool reached = error != StoreReply::Error::Network;
    if (!reached && !m_online && !m_probeTimer.isActive())
        scheduleProbe();
    setOnline(reached);
}

void ConnectivityMonitor::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    m_probes = 0;
    if (online)
        m_probeTimer.stop();
    else
        scheduleProbe();
    emit onlineChanged(online);
}

void ConnectivityMonitor::scheduleProbe()
{
    if (!m_online)
        m_probeTimer.start(m_probePolicy.backoffDelayMs(m_probes + 1));
}
