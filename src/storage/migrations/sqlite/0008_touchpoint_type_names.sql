-- One name per touchpoint type (issue 3). E-mail opens and clicks logged through the API were
-- stored as email_opened / email_clicked, those tracked through /collect as email_open /
-- email_click, so a scoring rule or report that named one missed the other. The API now stores
-- the /collect names (domain::CanonicalTouchpointType); rows stored before are renamed here.
UPDATE touchpoints SET type = 'email_open' WHERE type = 'email_opened';
UPDATE touchpoints SET type = 'email_click' WHERE type = 'email_clicked';
