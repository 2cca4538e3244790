-- Transfer ids that a payment or refund chose but open banking never recorded (the process stopped
-- between the two writes). Once an id is here, open banking never sends a transfer under it, so the
-- payment or refund can be settled FAILED without the bank's word: nothing can have moved, and nothing
-- ever will. Kept for good: a row is 36 bytes, and an id must stay void as long as a request could name it.
CREATE TABLE voided_transfer_ids (
  id        CHAR(36)    NOT NULL,
  voided_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id)
);
