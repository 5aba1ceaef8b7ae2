from tests.bot.api.conftest import client_for
from tests.pdf_maker import write_pdf

ADMIN = {"Authorization": "Bearer admin-secret"}
STATEMENT = (
    "Joint Statement from the 2024 Cross-Border Crime Forum\n\nDrone Smuggling\n\n"
    "Ministers agreed to build a joint drone detection network along the border by 2026.\n"
)


def test_documents_are_listed_with_unit_counts(client):
    docs = client.get("/v1/documents").json()["documents"]
    assert [(d["doc_id"], d["year"], d["place"]) for d in docs] == [
        ("2022-cbcf-joint-statement-washington", 2022, "Washington, D.C."),
        ("2023-cbcf-joint-statement-ottawa", 2023, "Ottawa"),
    ]
    assert all(d["units"] > 20 for d in docs)


def test_writes_need_the_admin_token(own_engine):
    with client_for(own_engine, admin_token="admin-secret") as c:
        files = {"file": ("cbcf-2024.txt", STATEMENT, "text/plain")}
        assert c.post("/v1/documents", files=files).status_code == 401
        assert c.post("/v1/documents", files=files, headers={"Authorization": "Bearer nope"}).status_code == 403
        assert c.delete("/v1/documents/2023-cbcf-joint-statement-ottawa").status_code == 401
    with client_for(own_engine) as c:  # no admin token configured: writes are disabled
        assert c.post("/v1/documents", files=files).status_code == 401  # no bearer token at all: 401 still
        assert c.post("/v1/documents", files=files, headers=ADMIN).status_code == 403
    assert len(own_engine.documents()) == 2


def test_upload_search_and_delete(own_engine):
    with client_for(own_engine, admin_token="admin-secret") as c:
        res = c.post(
            "/v1/documents",
            headers=ADMIN,
            data={"place": "Halifax"},
            files={"file": ("cbcf 2024 statement.txt", STATEMENT, "text/plain")},
        )
        assert res.status_code == 201, res.text
        assert res.json()["added"] == ["cbcf-2024-statement"] and res.json()["units_embedded"] == 1
        docs = {d["doc_id"]: d for d in c.get("/v1/documents").json()["documents"]}
        assert docs["cbcf-2024-statement"]["place"] == "Halifax" and docs["cbcf-2024-statement"]["year"] == 2024
        reply = c.post("/v1/ask", json={"question": "What about drone detection?"}).json()
        assert reply["citations"][0]["doc_id"] == "cbcf-2024-statement"
        assert reply["citations"][0]["section"] == "Drone Smuggling"

        assert c.delete("/v1/documents/cbcf-2024-statement", headers=ADMIN).status_code == 204
        assert "cbcf-2024-statement" not in {d["doc_id"] for d in c.get("/v1/documents").json()["documents"]}
        assert c.delete("/v1/documents/cbcf-2024-statement", headers=ADMIN).status_code == 404
        assert not list((own_engine.settings.data_dir / "uploads").glob("*.txt"))


def test_bad_uploads_are_rejected_and_the_index_stays_intact(own_engine, tmp_path):
    before = own_engine.store.active().collection
    with client_for(own_engine, admin_token="admin-secret") as c:
        res = c.post("/v1/documents", headers=ADMIN, files={"file": ("notes.odt", b"PK\x03\x04", "application/zip")})
        assert res.status_code == 415 and "unsupported file type" in res.json()["detail"]
        res = c.post("/v1/documents", headers=ADMIN, files={"file": ("notes-2024.docx", b"PK\x03\x04", "x/y")})
        assert res.status_code == 422 and "notes-2024.docx" in res.json()["detail"]
        res = c.post(
            "/v1/documents", headers=ADMIN, files={"file": ("broken-2024.pdf", b"%PDF-1.4 junk", "application/pdf")}
        )
        assert res.status_code == 422 and "broken-2024.pdf" in res.json()["detail"]
        res = c.post(
            "/v1/documents", headers=ADMIN, files={"file": ("no-year.txt", b"Notes\n\nSome text.", "text/plain")}
        )
        assert res.status_code == 422 and "no year" in res.json()["detail"]
        assert not c.post("/v1/ask", json={"question": "what was agreed on ghost guns?"}).json()["abstained"]
    assert own_engine.store.active().collection == before
    assert not list((own_engine.settings.data_dir / "uploads").glob("*"))


def test_pdf_upload_is_indexed(own_engine, tmp_path):
    pdf = write_pdf(
        tmp_path / "x.pdf",
        ["Forum 2025", "", "Cyber Threats", "Ministers agreed to swap", "ransomware decryption keys."],
    )
    with client_for(own_engine, admin_token="admin-secret") as c:
        res = c.post(
            "/v1/documents", headers=ADMIN, files={"file": ("cbcf-2025.pdf", pdf.read_bytes(), "application/pdf")}
        )
        assert res.status_code == 201, res.text
        reply = c.post("/v1/ask", json={"question": "decryption keys", "year": 2025}).json()
        assert reply["citations"][0]["quote"] == "Ministers agreed to swap ransomware decryption keys."


def test_word_upload_is_indexed_with_its_styled_sections(own_engine, tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Forum 2025", level=0)
    document.add_heading("Cyber Threats", level=1)
    document.add_paragraph("Ministers agreed to swap ransomware decryption keys.")
    document.save(str(tmp_path / "x.docx"))
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    with client_for(own_engine, admin_token="admin-secret") as c:
        files = {"file": ("cbcf-2025.docx", (tmp_path / "x.docx").read_bytes(), kind)}
        res = c.post("/v1/documents", headers=ADMIN, files=files, data={"place": "Windsor"})
        assert res.status_code == 201, res.text
        cited = c.post("/v1/ask", json={"question": "decryption keys", "year": 2025}).json()["citations"][0]
    assert (cited["quote"], cited["section"], cited["title"], cited["place"]) == (
        "Ministers agreed to swap ransomware decryption keys.",
        "Cyber Threats",
        "Forum 2025",
        "Windsor",
    )


def test_an_upload_over_the_sentence_cap_is_a_422_and_changes_nothing(own_engine):
    body = "CBCF 2031 Joint Statement\n\n" + " ".join(f"Ministers agreed on item {i}." for i in range(30))
    with client_for(own_engine, admin_token="admin-secret", max_upload_units=10) as c:
        before = c.get("/v1/documents").json()["documents"]
        res = c.post(
            "/v1/documents",
            files={"file": ("cbcf-2031.txt", body.encode())},
            headers={"Authorization": "Bearer admin-secret"},
        )
        assert res.status_code == 422 and "over the limit of 10" in res.json()["detail"]
        assert c.get("/v1/documents").json()["documents"] == before
