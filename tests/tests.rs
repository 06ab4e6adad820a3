mod entities;
