#pragma once

#include "RetryPolicy.h"
#include "StoreReply.h"

#include <QObject>
#include <QTimer>

// Whether the store can be reached: from QNetworkInformation where the system has a backend, and otherwise
// from the results of requests themselves. Offline is one quiet state: the transfer queue holds its work,
// the window shows what it last knew, and a probe now and then (backing off) finds the connection again.
class ConnectivityMonitor : public QObject
{
    Q_OBJECT

public:
    explicit ConnectivityMonitor(QObject* parent = nullptr);

    bool isOnline() const { return m_online; }
    // The result of a request to the store: a network failure means offline, anything that reached the
    // server means online again. Cancelled requests tell nothing.
    void report(StoreReply::Error error);
    // Tests use short delays.
    void setProbePolicy(const RetryPolicy& policy) { m_probePolicy = policy; }

signals:
    void onlineChanged(bool online);
    // Time to try the store again while offline; the request's result comes back through report(), and the
    // next probe is due only after a result that is still a network failure.
    void probeDue();

private:
    void setOnline(bool online);
    void scheduleProbe();

    RetryPolicy m_probePolicy;
    QTimer m_probeTimer;
    int m_probes = 0;
    bool m_online = true;
};
