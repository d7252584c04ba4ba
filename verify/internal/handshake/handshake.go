// Package handshake runs, across clusters, the mutual-TLS handshake Envoy would do for every import: the
// consumer's proxy (egress gateway or calling sidecar) against the exporter's ingress gateway, each with
// exactly the settings istiod computed for it (SNI, SAN matchers, CA bundle) and the certificates its SDS
// delivered from the planned Secrets (see package envoy). Real crypto/tls on loopback.
package handshake

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"sort"
	"strings"
	"time"

	"meshfed/verify/internal/envoy"
	"meshfed/verify/internal/plan"
)

// CA is an authority that can mint certificates: a cluster's federation CA, with its key.
type CA struct {
	Cert *x509.Certificate
	Key  crypto.Signer
}

// Report says what was proven for one import.
type Report struct {
	Import     string
	Consumer   string
	Exporter   string
	Handshakes int // handshakes run (the real one and the impostors)
	Failures   []string
}

// Check runs the handshakes of every import of the Envoy-level result. cas are the clusters' federation
// CAs with their keys (CAsFromPlan), used to mint impostors; without them only the genuine handshake runs.
func Check(res *envoy.Result, cas map[string]CA) []Report {
	var out []Report
	for _, cl := range res.Clients {
		rep := Report{Import: cl.Import, Consumer: cl.Consumer, Exporter: cl.Exporter}
		var chains []envoy.ServerChain
		for _, s := range res.Servers {
			if s.Exporter == cl.Exporter {
				chains = append(chains, s)
			}
		}
		fail := func(format string, args ...any) {
			rep.Failures = append(rep.Failures, fmt.Sprintf("%s (%s → %s): ", cl.Import, cl.Proxy, cl.Exporter)+fmt.Sprintf(format, args...))
		}
		if len(chains) == 0 {
			fail("the exporter's ingress gateway has no verified filter chain to handshake with")
			out = append(out, rep)
			continue
		}
		clientCert, err := tls.X509KeyPair(cl.CertPEM, cl.KeyPEM)
		if err != nil {
			fail("client certificate from SDS: %v", err)
			out = append(out, rep)
			continue
		}
		// The genuine handshake, then the request through the selected chain's routes and RBAC.
		rep.Handshakes++
		chosen, principal, err := handshake(cl, clientCert, chains, nil)
		if err != nil {
			fail("mutual TLS handshake failed: %v", err)
		} else if ok, why := chosen.Allows(principal, cl.Authority, cl.Path); !ok {
			fail("handshake succeeded as %s but the request %s%s is refused: %s", principal, cl.Authority, cl.Path, why)
		}
		leaf := clientCert.Leaf
		if leaf == nil {
			leaf, _ = x509.ParseCertificate(clientCert.Certificate[0])
		}
		// Impostors: every other cluster's CA mints a certificate with this consumer's identity; the
		// exporter must refuse it. And every CA but the exporter's mints the exporter's server certificate;
		// the consumer must refuse it.
		for _, name := range sortedKeys(cas) {
			ca := cas[name]
			if name != cl.Consumer && leaf != nil {
				fake, err := mint(ca, leaf, x509.ExtKeyUsageClientAuth)
				if err != nil {
					fail("minting an impostor: %v", err)
					continue
				}
				rep.Handshakes++
				if _, p, err := handshake(cl, fake, chains, nil); err == nil {
					fail("a certificate minted by %s's CA with %s's identity (%s) is ACCEPTED by %s's ingress gateway", name, cl.Consumer, p, cl.Exporter)
				}
			}
			if name != cl.Exporter {
				var serverLeaf *x509.Certificate
				for _, ch := range chains {
					if kp, err := tls.X509KeyPair(ch.CertPEM, ch.KeyPEM); err == nil {
						serverLeaf, _ = x509.ParseCertificate(kp.Certificate[0])
						break
					}
				}
				if serverLeaf == nil {
					continue
				}
				fake, err := mint(ca, serverLeaf, x509.ExtKeyUsageServerAuth)
				if err != nil {
					fail("minting an impostor: %v", err)
					continue
				}
				rep.Handshakes++
				if _, _, err := handshake(cl, clientCert, chains, &fake); err == nil {
					fail("a server certificate minted by %s's CA for %s's host is ACCEPTED by %s", name, cl.Exporter, cl.Proxy)
				}
			}
		}
		out = append(out, rep)
	}
	return out
}

func sortedKeys(m map[string]CA) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// mint copies a certificate's identity (subject, DNS and URI SANs) into a new certificate from ca.
func mint(ca CA, like *x509.Certificate, eku x509.ExtKeyUsage) (tls.Certificate, error) {
	key, err := newKey()
	if err != nil {
		return tls.Certificate{}, err
	}
	sn, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tpl := &x509.Certificate{SerialNumber: sn, Subject: like.Subject, DNSNames: like.DNSNames, URIs: like.URIs,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{eku}}
	der, err := x509.CreateCertificate(rand.Reader, tpl, ca.Cert, key.Public(), ca.Key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

func pool(pemBytes []byte) (*x509.CertPool, int) {
	p := x509.NewCertPool()
	n := 0
	for {
		var b *pem.Block
		b, pemBytes = pem.Decode(pemBytes)
		if b == nil {
			return p, n
		}
		if c, err := x509.ParseCertificate(b.Bytes); err == nil {
			p.AddCert(c)
			n++
		}
	}
}

// verify is Envoy's certificate validation: a chain to the trusted CA (no hostname check, any key usage),
// then the SAN matchers (exact, any SAN type).
func verify(raw [][]byte, roots *x509.CertPool, sans []string) (*x509.Certificate, error) {
	if len(raw) == 0 {
		return nil, errors.New("no certificate presented")
	}
	leaf, err := x509.ParseCertificate(raw[0])
	if err != nil {
		return nil, err
	}
	inter := x509.NewCertPool()
	for _, r := range raw[1:] {
		if c, err := x509.ParseCertificate(r); err == nil {
			inter.AddCert(c)
		}
	}
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
		return nil, err
	}
	if len(sans) > 0 && !sanMatches(leaf, sans) {
		return nil, fmt.Errorf("SAN %v matches none of %v", allSANs(leaf), sans)
	}
	return leaf, nil
}

func allSANs(c *x509.Certificate) []string {
	out := append([]string{}, c.DNSNames...)
	for _, u := range c.URIs {
		out = append(out, u.String())
	}
	out = append(out, c.EmailAddresses...)
	for _, ip := range c.IPAddresses {
		out = append(out, ip.String())
	}
	return out
}

func sanMatches(c *x509.Certificate, sans []string) bool {
	for _, s := range allSANs(c) {
		for _, w := range sans {
			if s == w {
				return true
			}
		}
	}
	return false
}

func principalOf(c *x509.Certificate) string {
	if len(c.URIs) > 0 {
		return c.URIs[0].String()
	}
	return c.Subject.String()
}

// handshake runs one mutual-TLS handshake on loopback: the client with cl's settings and cert, the server
// choosing among the exporter's filter chains by SNI as Envoy's listener does. serverOverride replaces the
// selected chain's server certificate (an impostor). It returns the chain chosen and the client principal.
func handshake(cl envoy.ClientTLS, cert tls.Certificate, chains []envoy.ServerChain, serverOverride *tls.Certificate) (envoy.ServerChain, string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return envoy.ServerChain{}, "", err
	}
	defer ln.Close()
	type result struct {
		chain     envoy.ServerChain
		principal string
		err       error
	}
	done := make(chan result, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			done <- result{err: err}
			return
		}
		defer conn.Close()
		var r result
		srv := tls.Server(conn, &tls.Config{
			MinVersion: tls.VersionTLS12,
			GetConfigForClient: func(h *tls.ClientHelloInfo) (*tls.Config, error) {
				ch, ok := selectChain(chains, h.ServerName)
				if !ok {
					return nil, fmt.Errorf("no filter chain for SNI %q", h.ServerName)
				}
				r.chain = ch
				sc, err := tls.X509KeyPair(ch.CertPEM, ch.KeyPEM)
				if err != nil {
					return nil, err
				}
				if serverOverride != nil {
					sc = *serverOverride
				}
				roots, _ := pool(ch.CAPEM)
				auth := tls.RequestClientCert
				if ch.RequireClientCert {
					auth = tls.RequireAnyClientCert
				}
				return &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{sc}, ClientAuth: auth,
					VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
						leaf, err := verify(raw, roots, ch.SANs)
						if err != nil {
							return fmt.Errorf("server refuses the client certificate: %v", err)
						}
						r.principal = principalOf(leaf)
						return nil
					}}, nil
			},
		})
		_ = srv.SetDeadline(time.Now().Add(5 * time.Second))
		r.err = srv.Handshake()
		if r.err == nil {
			_, _ = srv.Write([]byte("ok"))
		}
		done <- r
	}()
	roots, _ := pool(cl.CAPEM)
	conn, err := net.DialTimeout("tcp", ln.Addr().String(), 5*time.Second)
	if err != nil {
		return envoy.ServerChain{}, "", err
	}
	defer conn.Close()
	var clientErr error
	c := tls.Client(conn, &tls.Config{
		MinVersion: tls.VersionTLS12, ServerName: cl.SNI, Certificates: []tls.Certificate{cert},
		InsecureSkipVerify: true, // Envoy checks the chain and the SAN matchers, not the SNI: done below
		VerifyPeerCertificate: func(raw [][]byte, _ [][]*x509.Certificate) error {
			if _, err := verify(raw, roots, cl.SANs); err != nil {
				clientErr = fmt.Errorf("client refuses the server certificate: %v", err)
				return clientErr
			}
			return nil
		},
	})
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	err = c.Handshake()
	if err == nil {
		// With TLS 1.3 the server's verdict on the client certificate arrives with the first read.
		buf := make([]byte, 2)
		_, err = c.Read(buf)
	}
	r := <-done
	if clientErr != nil {
		return r.chain, "", clientErr
	}
	if r.err != nil {
		return r.chain, "", r.err
	}
	if err != nil {
		return r.chain, "", err
	}
	return r.chain, r.principal, nil
}

func selectChain(chains []envoy.ServerChain, sni string) (envoy.ServerChain, bool) {
	var wildcard *envoy.ServerChain
	for i, ch := range chains {
		for _, n := range ch.ServerNames {
			if n == sni {
				return ch, true
			}
			if strings.HasPrefix(n, "*.") && strings.HasSuffix(sni, n[1:]) && wildcard == nil {
				wildcard = &chains[i]
			}
		}
	}
	if wildcard != nil {
		return *wildcard, true
	}
	for _, ch := range chains {
		if len(ch.ServerNames) == 0 {
			return ch, true
		}
	}
	return envoy.ServerChain{}, false
}

// CAsFromPlan finds each cluster's federation CA key in the plan (written with --show-secrets): the CA
// certificate is the cluster's contract caCertPem, its key the private key PEM among the stack's resource
// records whose public key matches.
func CAsFromPlan(clusters []*plan.Cluster) map[string]CA {
	out := map[string]CA{}
	for _, c := range clusters {
		in, err := envoy.ReadIntent(c)
		if err != nil || in.Contract == nil {
			continue
		}
		b, _ := pem.Decode([]byte(in.Contract.CACertPEM))
		if b == nil {
			continue
		}
		caCert, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			continue
		}
		for _, s := range c.Stacks {
			for _, r := range s.Resources {
				walkStrings(r, func(v string) {
					if _, ok := out[c.Name]; ok || !strings.Contains(v, "PRIVATE KEY-----") {
						return
					}
					if k := parseKey(v); k != nil && publicEqual(k.Public(), caCert.PublicKey) {
						out[c.Name] = CA{Cert: caCert, Key: k}
					}
				})
			}
		}
	}
	return out
}

func walkStrings(v any, f func(string)) {
	switch t := v.(type) {
	case string:
		f(t)
	case map[string]any:
		for _, x := range t {
			walkStrings(x, f)
		}
	case []any:
		for _, x := range t {
			walkStrings(x, f)
		}
	}
}

func parseKey(p string) crypto.Signer {
	b, _ := pem.Decode([]byte(p))
	if b == nil {
		return nil
	}
	if k, err := x509.ParsePKCS8PrivateKey(b.Bytes); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s
		}
	}
	if k, err := x509.ParseECPrivateKey(b.Bytes); err == nil {
		return k
	}
	if k, err := x509.ParsePKCS1PrivateKey(b.Bytes); err == nil {
		return k
	}
	return nil
}

func publicEqual(a, b crypto.PublicKey) bool {
	type eq interface{ Equal(crypto.PublicKey) bool }
	if e, ok := a.(eq); ok {
		return e.Equal(b)
	}
	return false
}

func newKey() (crypto.Signer, error) { return ecdsa.GenerateKey(elliptic.P256(), rand.Reader) }
